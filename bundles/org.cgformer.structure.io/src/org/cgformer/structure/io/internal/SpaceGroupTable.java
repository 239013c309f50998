package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 230 space groups by number and Hermann-Mauguin symbol, each with the Hall symbol of its
 * reference setting, from which {@link HallSymbol} derives the operations. Reference settings are
 * those of International Tables Vol. A: unique axis b, cell choice 1; origin choice 2 where there are
 * two (origin choice 1 is available as setting "1"); hexagonal axes for R groups (rhombohedral axes as
 * setting "R"). The Hall symbols are those of Hall (1981) / International Tables Vol. B Table A1.4.2.7;
 * the table was typed from them and checked against the cctbx sgtbx reference list, and the tests check
 * the order of every group. A few common non-standard settings (P21/n, Pbnm, Cmca…) are listed as aliases.
 */
public final class SpaceGroupTable {

    /** A space group setting: number, compact H-M symbol, setting ("", "1", "2", "H", "R", "alias"), Hall symbol. */
    public record Entry(int number, String symbol, String setting, String hall) {
        /** Number of operations of the group in this setting (centring translations included). */
        public int order() {
            return operations().size();
        }

        List<SymmetryOperation> operations() {
            return HallSymbol.operations(hall);
        }
    }

    /** What a file's H-M text asks for: the compact symbol and an explicit setting, if any. */
    record Request(List<String> tokens, String setting) {
        String compact() {
            return String.join("", tokens);
        }
    }

    private static final Pattern SETTING_SUFFIX = Pattern.compile("\\s*:\\s*(\\w+)\\s*$");

    private static final String TABLE = """
1|P1||P 1
2|P-1||-P 1
3|P2||P 2y
4|P21||P 2yb
5|C2||C 2y
6|Pm||P -2y
7|Pc||P -2yc
8|Cm||C -2y
9|Cc||C -2yc
10|P2/m||-P 2y
11|P21/m||-P 2yb
12|C2/m||-C 2y
13|P2/c||-P 2yc
14|P21/c||-P 2ybc
15|C2/c||-C 2yc
16|P222||P 2 2
17|P2221||P 2c 2
18|P21212||P 2 2ab
19|P212121||P 2ac 2ab
20|C2221||C 2c 2
21|C222||C 2 2
22|F222||F 2 2
23|I222||I 2 2
24|I212121||I 2b 2c
25|Pmm2||P 2 -2
26|Pmc21||P 2c -2
27|Pcc2||P 2 -2c
28|Pma2||P 2 -2a
29|Pca21||P 2c -2ac
30|Pnc2||P 2 -2bc
31|Pmn21||P 2ac -2
32|Pba2||P 2 -2ab
33|Pna21||P 2c -2n
34|Pnn2||P 2 -2n
35|Cmm2||C 2 -2
36|Cmc21||C 2c -2
37|Ccc2||C 2 -2c
38|Amm2||A 2 -2
39|Aem2||A 2 -2b
40|Ama2||A 2 -2a
41|Aea2||A 2 -2ab
42|Fmm2||F 2 -2
43|Fdd2||F 2 -2d
44|Imm2||I 2 -2
45|Iba2||I 2 -2c
46|Ima2||I 2 -2a
47|Pmmm||-P 2 2
48|Pnnn|1|P 2 2 -1n
48|Pnnn|2|-P 2ab 2bc
49|Pccm||-P 2 2c
50|Pban|1|P 2 2 -1ab
50|Pban|2|-P 2ab 2b
51|Pmma||-P 2a 2a
52|Pnna||-P 2a 2bc
53|Pmna||-P 2ac 2
54|Pcca||-P 2a 2ac
55|Pbam||-P 2 2ab
56|Pccn||-P 2ab 2ac
57|Pbcm||-P 2c 2b
58|Pnnm||-P 2 2n
59|Pmmn|1|P 2 2ab -1ab
59|Pmmn|2|-P 2ab 2a
60|Pbcn||-P 2n 2ab
61|Pbca||-P 2ac 2ab
62|Pnma||-P 2ac 2n
63|Cmcm||-C 2c 2
64|Cmce||-C 2ac 2
65|Cmmm||-C 2 2
66|Cccm||-C 2 2c
67|Cmme||-C 2a 2
68|Ccce|1|C 2 2 -1ac
68|Ccce|2|-C 2a 2ac
69|Fmmm||-F 2 2
70|Fddd|1|F 2 2 -1d
70|Fddd|2|-F 2uv 2vw
71|Immm||-I 2 2
72|Ibam||-I 2 2c
73|Ibca||-I 2b 2c
74|Imma||-I 2b 2
75|P4||P 4
76|P41||P 4w
77|P42||P 4c
78|P43||P 4cw
79|I4||I 4
80|I41||I 4bw
81|P-4||P -4
82|I-4||I -4
83|P4/m||-P 4
84|P42/m||-P 4c
85|P4/n|1|P 4ab -1ab
85|P4/n|2|-P 4a
86|P42/n|1|P 4n -1n
86|P42/n|2|-P 4bc
87|I4/m||-I 4
88|I41/a|1|I 4bw -1bw
88|I41/a|2|-I 4ad
89|P422||P 4 2
90|P4212||P 4ab 2ab
91|P4122||P 4w 2c
92|P41212||P 4abw 2nw
93|P4222||P 4c 2
94|P42212||P 4n 2n
95|P4322||P 4cw 2c
96|P43212||P 4nw 2abw
97|I422||I 4 2
98|I4122||I 4bw 2bw
99|P4mm||P 4 -2
100|P4bm||P 4 -2ab
101|P42cm||P 4c -2c
102|P42nm||P 4n -2n
103|P4cc||P 4 -2c
104|P4nc||P 4 -2n
105|P42mc||P 4c -2
106|P42bc||P 4c -2ab
107|I4mm||I 4 -2
108|I4cm||I 4 -2c
109|I41md||I 4bw -2
110|I41cd||I 4bw -2c
111|P-42m||P -4 2
112|P-42c||P -4 2c
113|P-421m||P -4 2ab
114|P-421c||P -4 2n
115|P-4m2||P -4 -2
116|P-4c2||P -4 -2c
117|P-4b2||P -4 -2ab
118|P-4n2||P -4 -2n
119|I-4m2||I -4 -2
120|I-4c2||I -4 -2c
121|I-42m||I -4 2
122|I-42d||I -4 2bw
123|P4/mmm||-P 4 2
124|P4/mcc||-P 4 2c
125|P4/nbm|1|P 4 2 -1ab
125|P4/nbm|2|-P 4a 2b
126|P4/nnc|1|P 4 2 -1n
126|P4/nnc|2|-P 4a 2bc
127|P4/mbm||-P 4 2ab
128|P4/mnc||-P 4 2n
129|P4/nmm|1|P 4ab 2ab -1ab
129|P4/nmm|2|-P 4a 2a
130|P4/ncc|1|P 4ab 2n -1ab
130|P4/ncc|2|-P 4a 2ac
131|P42/mmc||-P 4c 2
132|P42/mcm||-P 4c 2c
133|P42/nbc|1|P 4n 2c -1n
133|P42/nbc|2|-P 4ac 2b
134|P42/nnm|1|P 4n 2 -1n
134|P42/nnm|2|-P 4ac 2bc
135|P42/mbc||-P 4c 2ab
136|P42/mnm||-P 4n 2n
137|P42/nmc|1|P 4n 2n -1n
137|P42/nmc|2|-P 4ac 2a
138|P42/ncm|1|P 4n 2ab -1n
138|P42/ncm|2|-P 4ac 2ac
139|I4/mmm||-I 4 2
140|I4/mcm||-I 4 2c
141|I41/amd|1|I 4bw 2bw -1bw
141|I41/amd|2|-I 4bd 2
142|I41/acd|1|I 4bw 2aw -1bw
142|I41/acd|2|-I 4bd 2c
143|P3||P 3
144|P31||P 31
145|P32||P 32
146|R3|H|R 3
146|R3|R|P 3*
147|P-3||-P 3
148|R-3|H|-R 3
148|R-3|R|-P 3*
149|P312||P 3 2
150|P321||P 3 2"
151|P3112||P 31 2 (0 0 4)
152|P3121||P 31 2"
153|P3212||P 32 2 (0 0 2)
154|P3221||P 32 2"
155|R32|H|R 3 2"
155|R32|R|P 3* 2
156|P3m1||P 3 -2"
157|P31m||P 3 -2
158|P3c1||P 3 -2"c
159|P31c||P 3 -2c
160|R3m|H|R 3 -2"
160|R3m|R|P 3* -2
161|R3c|H|R 3 -2"c
161|R3c|R|P 3* -2n
162|P-31m||-P 3 2
163|P-31c||-P 3 2c
164|P-3m1||-P 3 2"
165|P-3c1||-P 3 2"c
166|R-3m|H|-R 3 2"
166|R-3m|R|-P 3* 2
167|R-3c|H|-R 3 2"c
167|R-3c|R|-P 3* 2n
168|P6||P 6
169|P61||P 61
170|P65||P 65
171|P62||P 62
172|P64||P 64
173|P63||P 6c
174|P-6||P -6
175|P6/m||-P 6
176|P63/m||-P 6c
177|P622||P 6 2
178|P6122||P 61 2 (0 0 5)
179|P6522||P 65 2 (0 0 1)
180|P6222||P 62 2 (0 0 4)
181|P6422||P 64 2 (0 0 2)
182|P6322||P 6c 2c
183|P6mm||P 6 -2
184|P6cc||P 6 -2c
185|P63cm||P 6c -2
186|P63mc||P 6c -2c
187|P-6m2||P -6 2
188|P-6c2||P -6c 2
189|P-62m||P -6 -2
190|P-62c||P -6c -2c
191|P6/mmm||-P 6 2
192|P6/mcc||-P 6 2c
193|P63/mcm||-P 6c 2
194|P63/mmc||-P 6c 2c
195|P23||P 2 2 3
196|F23||F 2 2 3
197|I23||I 2 2 3
198|P213||P 2ac 2ab 3
199|I213||I 2b 2c 3
200|Pm-3||-P 2 2 3
201|Pn-3|1|P 2 2 3 -1n
201|Pn-3|2|-P 2ab 2bc 3
202|Fm-3||-F 2 2 3
203|Fd-3|1|F 2 2 3 -1d
203|Fd-3|2|-F 2uv 2vw 3
204|Im-3||-I 2 2 3
205|Pa-3||-P 2ac 2ab 3
206|Ia-3||-I 2b 2c 3
207|P432||P 4 2 3
208|P4232||P 4n 2 3
209|F432||F 4 2 3
210|F4132||F 4d 2 3
211|I432||I 4 2 3
212|P4332||P 4acd 2ab 3
213|P4132||P 4bd 2ab 3
214|I4132||I 4bd 2c 3
215|P-43m||P -4 2 3
216|F-43m||F -4 2 3
217|I-43m||I -4 2 3
218|P-43n||P -4n 2 3
219|F-43c||F -4a 2 3
220|I-43d||I -4bd 2c 3
221|Pm-3m||-P 4 2 3
222|Pn-3n|1|P 4 2 3 -1n
222|Pn-3n|2|-P 4a 2bc 3
223|Pm-3n||-P 4n 2 3
224|Pn-3m|1|P 4n 2 3 -1n
224|Pn-3m|2|-P 4bc 2bc 3
225|Fm-3m||-F 4 2 3
226|Fm-3c||-F 4a 2 3
227|Fd-3m|1|F 4d 2 3 -1d
227|Fd-3m|2|-F 4vw 2vw 3
228|Fd-3c|1|F 4d 2 3 -1cd
228|Fd-3c|2|-F 4ud 2vw 3
229|Im-3m||-I 4 2 3
230|Ia-3d||-I 4bd 2c 3
14|P21/n|alias|-P 2yn
14|P21/a|alias|-P 2yab
13|P2/n|alias|-P 2yac
13|P2/a|alias|-P 2ya
15|I2/a|alias|-I 2ya
15|I2/c|alias|-I 2yc
9|Ia|alias|I -2ya
62|Pbnm|alias|-P 2c 2ab
62|Pmcn|alias|-P 2n 2a
62|Pnam|alias|-P 2c 2n
62|Pmnb|alias|-P 2bc 2a
62|Pcmn|alias|-P 2n 2ac
63|Amam|alias|-A 2a 2a
63|Bbmm|alias|-B 2 2b
64|Cmca|alias|-C 2ac 2
67|Cmma|alias|-C 2a 2
68|Ccca|alias|C 2 2 -1ac
39|Abm2|alias|A 2 -2b
41|Aba2|alias|A 2 -2ab
61|Pcab|alias|-P 2bc 2ac
60|Pbnc|alias|-P 2n 2ab
            """;

    private static final List<Entry> ENTRIES = parse();

    private SpaceGroupTable() {
    }

    private static List<Entry> parse() {
        List<Entry> entries = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.strip().split("\\|");
            entries.add(new Entry(Integer.parseInt(f[0]), f[1], f[2], f[3]));
        }
        return List.copyOf(entries);
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The reference setting of space group {@code number} (1..230); R groups on hexagonal axes. */
    static Optional<Entry> byNumber(int number, boolean rhombohedralAxes) {
        return ENTRIES.stream().filter(e -> e.number() == number && !e.setting().equals("alias")
                && !e.setting().equals("1") && (e.setting().equals("R") == rhombohedralAxes || e.setting().isEmpty()
                        || e.setting().equals("2")))
                .findFirst();
    }

    /**
     * The setting named by an H-M symbol as files write it ({@code P 1 21/c 1}, {@code R -3 m :H},
     * {@code F d -3 m}, {@code P 21/b 21/c 21/a}, {@code Fm3m}); R groups use rhombohedral axes when
     * the symbol says so or {@code rhombohedralAxes} (the cell) suggests it.
     */
    static Optional<Entry> bySymbol(String text, boolean rhombohedralAxes) {
        Request request = normalize(text);
        String setting = request.setting();
        if (setting.equals("R") || setting.equals("H") || setting.isEmpty()) {
            // the cell decides: files name rhombohedral axes and give a hexagonal cell, and the reverse
            setting = rhombohedralAxes ? "R" : setting.equals("R") ? "H" : setting;
        }
        for (String candidate : candidates(request.tokens())) {
            Optional<Entry> found = find(candidate, setting);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Entry> find(String compact, String setting) {
        List<Entry> matches = ENTRIES.stream().filter(e -> e.symbol().equalsIgnoreCase(compact)).toList();
        for (Entry e : matches) {
            if (e.setting().equals(setting)) {
                return Optional.of(e);
            }
        }
        // default: the only, the origin-choice-2 or the hexagonal-axes entry
        return matches.stream().filter(e -> !e.setting().equals("1") && !e.setting().equals("R")).findFirst()
                .or(() -> matches.stream().findFirst());
    }

    static Request normalize(String text) {
        String symbol = text.strip().replace("_", "");
        String setting = "";
        String lower = symbol.toLowerCase(Locale.ROOT);
        if (lower.contains("rhomb")) {
            setting = "R";
        } else if (lower.contains("hex")) {
            setting = "H";
        }
        symbol = symbol.replaceAll("[{(].*$", "").strip();
        Matcher suffix = SETTING_SUFFIX.matcher(symbol);
        if (suffix.find()) {
            setting = suffix.group(1).toUpperCase(Locale.ROOT);
            symbol = symbol.substring(0, suffix.start());
        }
        List<String> tokens = new ArrayList<>(List.of(symbol.strip().split("\\s+")));
        if (tokens.size() > 2) {
            String last = tokens.get(tokens.size() - 1);
            if (last.equals("S") || last.equals("Z") || last.equals("H") || last.equals("R")) {
                setting = last.equals("S") ? "1" : last.equals("Z") ? "2" : last;
                tokens.remove(tokens.size() - 1);
            }
        }
        if (tokens.size() == 4 && tokens.subList(1, 4).stream().filter("1"::equals).count() == 2) {
            // full monoclinic symbol P 1 21/c 1: the one non-trivial direction is the short symbol
            String axis = tokens.subList(1, 4).stream().filter(t -> !t.equals("1")).findFirst().orElse("1");
            tokens = List.of(tokens.get(0), axis);
        }
        return new Request(List.copyOf(tokens), setting);
    }

    /**
     * The compact symbol as given; then without the twofold parts of a full symbol after the first
     * direction (P 4/m 2/m 2/m); then without any rotation part (P 21/b 21/c 21/a, F 41/d -3 2/m);
     * then old cubic symbols with the bar added (Fm3m).
     */
    private static List<String> candidates(List<String> tokens) {
        List<String> candidates = new ArrayList<>();
        candidates.add(String.join("", tokens));
        if (tokens.size() > 2) {
            StringBuilder keepFirst = new StringBuilder(tokens.get(0)).append(tokens.get(1));
            StringBuilder noRotations = new StringBuilder(tokens.get(0)).append(tokens.get(1).replaceFirst("^\\d+/", ""));
            for (String token : tokens.subList(2, tokens.size())) {
                keepFirst.append(token.replaceFirst("^21?/", ""));
                noRotations.append(token.replaceFirst("^\\d+/", ""));
            }
            candidates.add(keepFirst.toString());
            candidates.add(noRotations.toString());
        }
        List<String> withBar = new ArrayList<>();
        for (String candidate : candidates) {
            if (!candidate.contains("-3") && candidate.matches("[A-Za-z][^3]*[a-z]3.*")) {
                withBar.add(candidate.replaceFirst("3", "-3"));
            }
        }
        candidates.addAll(withBar);
        return candidates;
    }
}

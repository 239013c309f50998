package org.cgformer.bvse.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The softBV pair parameters (cation, valence, anion, valence → D0, Rmin, alpha) and the per-ion
 * data (principal quantum number, radius) shipped in {@code data/}, as published by Chen, Wong and
 * Adams (2019) in the 2022 table of the ccnb code.
 */
public final class SoftBvTable {

    /** File name printed with every result, so users know which table produced a barrier. */
    public static final String PAIR_FILE = "softbv_params.tsv";
    public static final String ION_FILE = "elements.tsv";

    /** Morse-type parameters of one cation–anion pair. */
    public record Pair(double d0, double rMin, double alpha, double rCutoff) {
    }

    /** Principal quantum number and radius (Å) of one ion. */
    public record Ion(int principalQuantumNumber, double radius) {
    }

    private final Map<String, Pair> pairs;
    private final Map<String, Ion> ions;
    private final Map<String, Integer> atomicNumbers;

    private SoftBvTable(Map<String, Pair> pairs, Map<String, Ion> ions, Map<String, Integer> atomicNumbers) {
        this.pairs = pairs;
        this.ions = ions;
        this.atomicNumbers = atomicNumbers;
    }

    /** Loads the tables shipped with this bundle. */
    public static SoftBvTable load() {
        try {
            Map<String, Integer> atomicNumbers = new HashMap<>();
            Map<String, Ion> ions = readIons(open(ION_FILE), atomicNumbers);
            return new SoftBvTable(readPairs(open(PAIR_FILE)), ions, atomicNumbers);
        } catch (IOException e) {
            throw new IllegalStateException("bundle org.cgformer.bvse is incomplete: " + e.getMessage(), e);
        }
    }

    public Pair pair(String cation, int cationValence, String anion, int anionValence) {
        return pairs.get(key(cation, cationValence) + "|" + key(anion, anionValence));
    }

    public Ion ion(String symbol, int oxidationState) {
        return ions.get(key(symbol, oxidationState));
    }

    /** Atomic number of an element of the ion table, 0 when it is not there. */
    public int atomicNumber(String symbol) {
        return atomicNumbers.getOrDefault(symbol, 0);
    }

    private static String key(String symbol, int charge) {
        return symbol + charge;
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = SoftBvTable.class.getResourceAsStream("/data/" + name);
        if (in == null) {
            throw new IOException("missing data/" + name);
        }
        return in;
    }

    private static Map<String, Pair> readPairs(InputStream in) throws IOException {
        Map<String, Pair> pairs = new HashMap<>();
        forEachRow(in, PAIR_FILE, cells -> pairs.put(
                key(cells[0], Integer.parseInt(cells[1])) + "|" + key(cells[2], Integer.parseInt(cells[3])),
                new Pair(Double.parseDouble(cells[7]), Double.parseDouble(cells[8]), Double.parseDouble(cells[9]),
                        Double.parseDouble(cells[6]))));
        return pairs;
    }

    private static Map<String, Ion> readIons(InputStream in, Map<String, Integer> atomicNumbers) throws IOException {
        Map<String, Ion> ions = new HashMap<>();
        forEachRow(in, ION_FILE, cells -> {
            ions.putIfAbsent(key(cells[1], Integer.parseInt(cells[2])),
                    new Ion(Integer.parseInt(cells[5]), Double.parseDouble(cells[8])));
            atomicNumbers.putIfAbsent(cells[1], Integer.parseInt(cells[0]));
        });
        return ions;
    }

    private interface RowHandler {
        void accept(String[] cells);
    }

    private static void forEachRow(InputStream in, String file, RowHandler handler) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(line.split("\t"));
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + number + ": unreadable row '" + line + "' (" + e + ")", e);
                }
            }
        }
    }
}

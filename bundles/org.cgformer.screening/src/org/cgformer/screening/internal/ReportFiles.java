package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.design.api.FunnelResult;
import org.cgformer.screening.api.Candidate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The files of a report folder (format: docs/screening.md, "Report"). */
final class ReportFiles {

    static final String CANDIDATES = "candidates.csv";
    static final String SHORTLIST = "shortlist.csv";
    static final String SUMMARY = "summary.json";
    static final String INDEX = "index.html";
    static final String PLOTS = "plots";
    static final String STRUCTURES = "structures";
    static final String GRAPHS = "graphs";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final List<String> HEADER = List.of("rank", "id", "formula", "dopants", "na_per_formula", "cluster", "eb_ev", "eb_std_ev",
            "delta_eb_ev", "ehull_mev_atom", "ehull_std_mev_atom", "score", "pareto", "shortlist", "conductivity_s_cm", "structure",
            "status", "message");

    private ReportFiles() {
    }

    static void writeCandidates(Path file, List<Candidate> candidates) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            rows.add(List.of(c.rank() > 0 ? Integer.toString(c.rank()) : "", c.id(), c.formula(), String.join(";", c.dopants()),
                    String.format(Locale.ROOT, "%.4g", c.naPerFormula()), c.cluster() > 0 ? Integer.toString(c.cluster()) : "",
                    num(c.ebEv()), num(c.ebStdEv()), num(c.deltaEbEv()), num(c.ehullMevAtom()), num(c.ehullStdMevAtom()), num(c.score()),
                    Boolean.toString(c.pareto()), Boolean.toString(c.shortlist()), num(c.conductivitySPerCm()), c.structure(),
                    c.ok() ? "ok" : "failed", c.message() == null ? "" : c.message()));
        }
        Csv.write(file, HEADER, rows);
    }

    static List<Candidate> readCandidates(Path file) throws IOException {
        List<Candidate> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(file)) {
            out.add(new Candidate(r.get("rank").isEmpty() ? 0 : Integer.parseInt(r.get("rank")), r.get("id"), r.get("formula"),
                    r.get("dopants").isEmpty() ? List.of() : List.of(r.get("dopants").split(";")), Double.parseDouble(r.get("na_per_formula")),
                    r.get("cluster").isEmpty() ? 0 : Integer.parseInt(r.get("cluster")), parse(r.get("eb_ev")), parse(r.get("eb_std_ev")),
                    parse(r.get("delta_eb_ev")), parse(r.get("ehull_mev_atom")), parse(r.get("ehull_std_mev_atom")), parse(r.get("score")),
                    Boolean.parseBoolean(r.get("pareto")), Boolean.parseBoolean(r.get("shortlist")),
                    parse(r.get("conductivity_s_cm")), r.get("structure"), r.get("message")));
        }
        return out;
    }

    static void writeFunnel(Path file, FunnelResult funnel, int screened, boolean all) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("combinations", funnel.combinations());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (FunnelResult.Step step : funnel.steps()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("rule", step.rule());
            s.put("remaining", step.remaining());
            steps.add(s);
        }
        root.put("steps", steps);
        root.put("survivors", funnel.remaining());
        root.put("screened", screened);
        root.put("all", all);
        JSON.writeValue(file.toFile(), root);
    }

    /** A JSON object of the report (stage files, summary); an empty map when the file does not exist. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Map.class) : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readFunnel(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    static double parse(String value) {
        return value == null || value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }

    static boolean exists(Path report, String name) {
        return Files.exists(report.resolve(name));
    }
}

package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.FunnelResult;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The files of a report folder (format: docs/screening.md, "Report"); the candidate tables are read and written by the
 * exported {@link ScreeningReport}, the one reader of that format.
 */
final class ReportFiles {

    static final String CANDIDATES = ScreeningReport.CANDIDATES;
    static final String SHORTLIST = ScreeningReport.SHORTLIST;
    static final String SUMMARY = ScreeningReport.SUMMARY;
    static final String INDEX = "index.html";
    static final String PLOTS = "plots";
    static final String STRUCTURES = ScreeningReport.STRUCTURES;
    static final String GRAPHS = "graphs";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    static void writeCandidates(Path file, List<Candidate> candidates) throws IOException {
        ScreeningReport.writeCandidates(file, candidates);
    }

    static List<Candidate> readCandidates(Path file) throws IOException {
        return ScreeningReport.readCandidates(file);
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

    static boolean exists(Path report, String name) {
        return Files.exists(report.resolve(name));
    }
}

package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.Ranking;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;

/** summary.json, plots/*.png and index.html of a report folder, from the ranked candidates and the model folders. */
final class ReportWriter {

    /** Format of summary.json; a reader refuses another. */
    static final int SUMMARY_FORMAT = 2;

    private ReportWriter() {
    }

    /** One model of the report: its role, folder and units. */
    private record ModelRole(String key, String label, Path folder, String unit) {
    }

    /**
     * @param parent the parent's predictions ({@code stages/parent.json}: formula, ebEv, … or error)
     * @param skill  the validate stage's skill section, or null when the run did not validate
     */
    static void write(Path report, Path designSpaceFile, ScreeningOptions options, List<Candidate> ranked, Map<String, Object> parent,
            Map<String, Object> skill, Supplier<Map<String, Double>> timings, ScreeningListener listener)
            throws IOException, ScreeningException {
        Plots.headless();
        Path plots = Files.createDirectories(report.resolve(ReportFiles.PLOTS));
        List<String> plotFiles = new ArrayList<>();
        Map<String, Object> modelMetrics = new LinkedHashMap<>();
        for (ModelRole role : roles(options, listener)) {
            Map<String, Object> metrics = ModelEnsemble.metrics(role.folder(), ReportFiles.JSON);
            modelMetrics.put(role.key(), metrics);
            List<ModelEnsemble.ParityPoint> parity = ModelEnsemble.parity(role.folder());
            if (parity.isEmpty()) {
                listener.message("report: " + role.folder() + " has no parity.csv (no cross-validation): no parity plot for " + role.label());
                continue;
            }
            double[] t = parity.stream().mapToDouble(ModelEnsemble.ParityPoint::target).toArray();
            double[] p = parity.stream().mapToDouble(ModelEnsemble.ParityPoint::predicted).toArray();
            String name = role.key() + "-" + metrics.get("model");
            boolean tested = ModelEnsemble.paritySplit(role.folder()).equals(ModelEnsemble.TEST);
            String title = role.label() + " (" + metrics.get("model") + "), " + (tested ? "cross-validation test folds"
                    : "validation structures (they chose the best epoch: not a test)");
            Plots.parity(plots.resolve("parity-" + name + ".png"), "Parity: " + title, "target", tested ? "test folds" : "validation",
                    role.unit(), t, p);
            Plots.residuals(plots.resolve("residuals-" + name + ".png"), "Residuals: " + title, role.unit(), t, p);
            plotFiles.add("parity-" + name + ".png");
            plotFiles.add("residuals-" + name + ".png");
        }
        plotFiles.addAll(0, skillPlots(plots, skill));
        Plots.ebVsEhull(plots.resolve("eb-vs-ehull.png"), ranked, options.ehullCeiling());
        plotFiles.add("eb-vs-ehull.png");
        Map<String, Object> funnel = ReportFiles.readFunnel(report.resolve(StageMarkers.FOLDER).resolve("funnel.json"));
        List<String> steps = new ArrayList<>(List.of("all combinations"));
        List<Long> counts = new ArrayList<>(List.of(((Number) funnel.get("combinations")).longValue()));
        for (Object step : (List<?>) funnel.get("steps")) {
            Map<?, ?> s = (Map<?, ?>) step;
            steps.add(String.valueOf(s.get("rule")));
            counts.add(((Number) s.get("remaining")).longValue());
        }
        long ok = ranked.stream().filter(Candidate::ok).count();
        steps.add("screened (ok)");
        counts.add(ok);
        steps.add("shortlist");
        counts.add(ranked.stream().filter(Candidate::shortlist).count());
        Plots.funnel(plots.resolve("funnel.png"), steps, counts);
        plotFiles.add("funnel.png");

        Map<String, Object> summary = summary(designSpaceFile, options, ranked, funnel, modelMetrics, timings.get(), plotFiles, parent,
                skill);
        Path recipes = report.resolve(StageMarkers.FOLDER).resolve(DefaultScreeningService.RECIPES);
        if (Files.isRegularFile(recipes)) {
            // per role: the recipe its structures were built with, the one recorded in its model.json ("unknown" if none)
            summary.put("recipes", ReportFiles.readJson(recipes));
        }
        ReportFiles.JSON.writeValue(report.resolve(ReportFiles.SUMMARY).toFile(), summary);
        Files.writeString(report.resolve(ReportFiles.INDEX), html(summary, ranked, plotFiles, options), StandardCharsets.UTF_8);
    }

    /** Oracle-vs-predicted plots of the validated candidates, one per predictor; none without a skill section. */
    private static List<String> skillPlots(Path plots, Map<String, Object> skill) throws IOException {
        List<String> files = new ArrayList<>();
        if (skill == null || !(skill.get("candidates") instanceof List<?> rows) || rows.isEmpty()) {
            return files;
        }
        Map<?, ?> first = (Map<?, ?>) ((Map<?, ?>) rows.get(0)).get("predictedEbEv");
        for (Object model : first.keySet()) {
            double[] oracle = new double[rows.size()];
            double[] predicted = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Map<?, ?> row = (Map<?, ?>) rows.get(i);
                oracle[i] = ((Number) row.get("oracleEbEv")).doubleValue();
                predicted[i] = ((Number) ((Map<?, ?>) row.get("predictedEbEv")).get(model)).doubleValue();
            }
            String name = "skill-" + model + ".png";
            Plots.parity(plots.resolve(name), "Held-out candidates: oracle vs " + model + " (n = " + rows.size() + ")", "oracle",
                    "held-out candidates", "eV", oracle,
                    predicted);
            files.add(name);
        }
        return files;
    }

    private static List<ModelRole> roles(ScreeningOptions options, ScreeningListener listener) throws ScreeningException {
        List<ModelRole> roles = new ArrayList<>();
        roles.add(new ModelRole("eb", "Migration barrier Eb", options.ebModel(), "eV"));
        addPretraining(roles, "eb-pretrained", "Migration barrier Eb, pre-training", options.ebModel(), listener);
        if (options.ebBaseline() != null) {
            roles.add(new ModelRole("eb-baseline", "Migration barrier Eb, baseline", options.ebBaseline(), "eV"));
            addPretraining(roles, "eb-baseline-pretrained", "Migration barrier Eb, baseline pre-training", options.ebBaseline(), listener);
        }
        if (options.ehullModel() != null) {
            roles.add(new ModelRole("ehull", "Energy above hull", options.ehullModel(), "meV/atom"));
        }
        if (options.ehullBaseline() != null) {
            roles.add(new ModelRole("ehull-baseline", "Energy above hull, baseline", options.ehullBaseline(), "meV/atom"));
        }
        return roles;
    }

    /**
     * The article's two stages: a fine-tuned barrier model ({@code cgformer finetune}) names its parent in model.json;
     * the parent's cross-validation (the pre-training stage) is reported next to it.
     */
    private static void addPretraining(List<ModelRole> roles, String key, String label, Path fineTuned, ScreeningListener listener)
            throws ScreeningException {
        Path parent = ModelEnsemble.parentFolder(fineTuned);
        if (parent == null) {
            return;
        }
        if (!Files.isDirectory(parent)) {
            listener.message("report: " + fineTuned + " was fine-tuned from " + parent + ", which is gone: its pre-training is not reported");
            return;
        }
        roles.add(new ModelRole(key, label, parent, "eV"));
    }

    private static Map<String, Object> summary(Path designSpaceFile, ScreeningOptions options, List<Candidate> ranked,
            Map<String, Object> funnel, Map<String, Object> models, Map<String, Double> timings, List<String> plotFiles,
            Map<String, Object> parent, Map<String, Object> skill) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("format", SUMMARY_FORMAT);
        s.put("designSpace", designSpaceFile.toString());
        s.put("written", Instant.now().toString());
        if (skill != null) {
            Map<String, Object> measured = new LinkedHashMap<>(skill);
            measured.remove("candidates"); // per-candidate values stay in stages/skill.json
            measured.put("measured", true);
            s.put("skill", measured);
        } else {
            Map<String, Object> unmeasured = new LinkedHashMap<>();
            unmeasured.put("measured", false);
            unmeasured.put("note", UNMEASURED);
            s.put("skill", unmeasured);
        }
        s.put("parent", parent);
        s.put("funnel", funnel);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", ranked.size());
        counts.put("ok", ranked.stream().filter(Candidate::ok).count());
        counts.put("failed", ranked.stream().filter(c -> !c.ok()).count());
        counts.put("aboveEhullCeiling", ranked.stream().filter(c -> c.ok() && Ranking.aboveCeiling(c, options)).count());
        counts.put("pareto", ranked.stream().filter(Candidate::pareto).count());
        counts.put("shortlisted", ranked.stream().filter(Candidate::shortlist).count());
        s.put("candidates", counts);
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("definition", options.scoreDefinition());
        score.put("risk", options.risk());
        score.put("ehullCeilingMevPerAtom", options.ehullCeiling());
        score.put("top", options.top());
        score.put("paretoFront", "non-dominated candidates in (Eb mean, Ehull mean), both minimised");
        s.put("score", score);
        Map<String, Object> sigma = new LinkedHashMap<>();
        if (options.calibration() == null) {
            sigma.put("calibrated", false);
            sigma.put("note", "no conductivity is given: the barriers are BVSE-like model values, whose absolute Arrhenius conductivity "
                    + "is off by many orders of magnitude; give --calibrate COMPOSITION=S/cm@T (a measured reference) for calibrated values");
        } else {
            sigma.put("calibrated", true);
            sigma.put("calibration", options.calibration().toString());
            sigma.put("temperatureK", options.calibration().temperatureKelvin());
            sigma.put("note", options.calibration().describe() + "; barrier differences only, no grain boundaries, correlation or "
                    + "carrier-concentration effects");
        }
        s.put("conductivity", sigma);
        s.put("models", models);
        s.put("timingsSeconds", timings);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("all", options.all());
        settings.put("groups", options.groups());
        settings.put("decorations", options.decorations());
        settings.put("seed", options.seed());
        s.put("settings", settings);
        List<Map<String, Object>> shortlist = new ArrayList<>();
        for (Candidate c : ranked) {
            if (c.shortlist()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("rank", c.rank());
                row.put("id", c.id());
                row.put("formula", c.formula());
                row.put("ebEv", c.ebEv());
                row.put("ebStdEv", c.ebStdEv());
                row.put("deltaEbEv", Double.isNaN(c.deltaEbEv()) ? null : c.deltaEbEv());
                row.put("ehullMevAtom", Double.isNaN(c.ehullMevAtom()) ? null : c.ehullMevAtom());
                row.put("ehullStdMevAtom", Double.isNaN(c.ehullStdMevAtom()) ? null : c.ehullStdMevAtom());
                row.put("conductivitySPerCm", Double.isNaN(c.conductivitySPerCm()) ? null : c.conductivitySPerCm());
                shortlist.add(row);
            }
        }
        s.put("shortlist", shortlist);
        List<Candidate> failures = ranked.stream().filter(c -> !c.ok()).toList();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (Candidate c : failures.subList(0, Math.min(LISTED_FAILURES, failures.size()))) {
            failed.add(Map.of("id", c.id(), "formula", c.formula(), "message", c.message()));
        }
        // --all fails two thirds of 148,995 combinations (more Na than sites): the reasons by kind, the first ones in full
        s.put("failed", failed);
        s.put("failedListed", failed.size() < failures.size() ? "the first " + failed.size() + " of " + failures.size()
                + "; every one in candidates.csv" : "all");
        List<Map<String, Object>> reasons = new ArrayList<>();
        failureKinds(failures).forEach((kind, members) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("reason", kind);
            row.put("candidates", members.size());
            row.put("example", members.get(0).id() + " " + members.get(0).formula() + ": " + members.get(0).message());
            reasons.add(row);
        });
        s.put("failureReasons", reasons);
        s.put("plots", plotFiles);
        return s;
    }

    private static String html(Map<String, Object> summary, List<Candidate> ranked, List<String> plots, ScreeningOptions options)
            throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CGformer screening report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:90%}")
                .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}td.l,th.l{text-align:left}")
                .append("img{max-width:48%;margin:4px;border:1px solid #eee}.note{color:#555;max-width:60em}</style></head><body>\n");
        h.append("<h1>CGformer screening report</h1>\n<p>Design space: <code>").append(esc(String.valueOf(summary.get("designSpace"))))
                .append("</code>, written ").append(esc(String.valueOf(summary.get("written")))).append(".</p>\n");
        Map<?, ?> counts = (Map<?, ?>) summary.get("candidates");
        h.append(String.format(Locale.ROOT, "<p>%s candidates screened: %s ok, %s failed, %s on the Pareto front, %s shortlisted.</p>%n",
                counts.get("total"), counts.get("ok"), counts.get("failed"), counts.get("pareto"), counts.get("shortlisted")));
        skillSection(h, (Map<?, ?>) summary.get("skill"));
        h.append("<p class=\"note\"><b>Score.</b> ").append(esc(options.scoreDefinition())).append(".</p>\n");
        Map<?, ?> parent = (Map<?, ?>) summary.get("parent");
        if (parent != null && parent.get("ebEv") instanceof Number eb) {
            h.append(String.format(Locale.ROOT, "<p class=\"note\"><b>Parent.</b> %s, generated and predicted the same way: Eb %.3f eV. "
                    + "&Delta;Eb = candidate &minus; parent (negative: faster than the parent).</p>%n", esc(String.valueOf(parent.get("formula"))),
                    eb.doubleValue()));
        } else if (parent != null) {
            h.append("<p class=\"note\"><b>Parent.</b> ").append(esc(String.valueOf(parent.get("formula")))).append(" could not be predicted (")
                    .append(esc(String.valueOf(parent.get("error")))).append("): no &Delta;Eb.</p>\n");
        }
        h.append("<p class=\"note\"><b>Conductivity.</b> ")
                .append(esc(String.valueOf(((Map<?, ?>) summary.get("conductivity")).get("note")))).append("</p>\n");
        h.append("<h2>Models</h2>\n<table><tr><th class=\"l\">role</th><th class=\"l\">model</th><th>members</th>")
                .append("<th>CV MAE</th><th>CV RMSE</th><th>CV R&sup2;</th><th>test MAE (pooled)</th><th>median |error|</th></tr>\n");
        for (Map.Entry<?, ?> e : ((Map<?, ?>) summary.get("models")).entrySet()) {
            Map<?, ?> m = (Map<?, ?>) e.getValue();
            Map<?, ?> cv = m.get("crossValidation") instanceof Map<?, ?> x ? x : Map.of();
            Map<?, ?> pooled = m.get("testPredictionsPooled") instanceof Map<?, ?> x ? x : Map.of();
            // a single model has only its validation structures, which chose its best epoch: shown, but never as a test
            String pooledNote = "";
            if (pooled.isEmpty() && m.get("validationPredictionsPooled") instanceof Map<?, ?> v) {
                pooled = v;
                pooledNote = " (validation)";
            }
            h.append("<tr><td class=\"l\">").append(esc(String.valueOf(e.getKey()))).append("</td><td class=\"l\">")
                    .append(esc(m.get("model") + " (" + m.get("featurizer") + ")")).append("</td><td>").append(m.get("members"))
                    .append("</td><td>").append(fmt(cv.get("mae"))).append("</td><td>").append(fmt(cv.get("rmse"))).append("</td><td>")
                    .append(fmt(cv.get("r2"))).append("</td><td>").append(fmt(pooled.get("mae"))).append(pooledNote).append("</td><td>")
                    .append(fmt(pooled.get("medianAbsoluteError"))).append(pooledNote).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (summary.get("recipes") instanceof Map<?, ?> recipes && !recipes.isEmpty()) {
            h.append("<h2>Structure recipes</h2>\n<table><tr><th class=\"l\">role</th><th class=\"l\">built with</th>")
                    .append("<th class=\"l\">recorded in model.json</th></tr>\n");
            for (Map.Entry<?, ?> e : recipes.entrySet()) {
                Map<?, ?> r = (Map<?, ?>) e.getValue();
                h.append("<tr><td class=\"l\">").append(esc(String.valueOf(e.getKey()))).append("</td><td class=\"l\">")
                        .append(esc(String.valueOf(r.get("recipe")))).append("</td><td class=\"l\">").append(esc(String.valueOf(r.get("recorded"))))
                        .append(" (").append(esc(String.valueOf(r.get("note")))).append(")</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Plots</h2>\n");
        for (String plot : plots) {
            h.append("<a href=\"plots/").append(plot).append("\"><img src=\"plots/").append(plot).append("\" alt=\"").append(plot)
                    .append("\"></a>\n");
        }
        h.append("<h2>Shortlist</h2>\n");
        boolean calibrated = options.calibration() != null;
        table(h, ranked.stream().filter(Candidate::shortlist).toList(), calibrated);
        h.append("<h2>All candidates</h2>\n<p><a href=\"candidates.csv\">candidates.csv</a> · <a href=\"shortlist.csv\">shortlist.csv</a>")
                .append(" · <a href=\"summary.json\">summary.json</a></p>\n");
        table(h, ranked.size() > 1000 ? ranked.subList(0, 1000) : ranked, calibrated);
        if (ranked.size() > 1000) {
            h.append("<p>(first 1000 of ").append(ranked.size()).append(" rows; all in candidates.csv)</p>\n");
        }
        List<Candidate> failed = ranked.stream().filter(c -> !c.ok()).toList();
        if (!failed.isEmpty()) {
            h.append("<h2>Failed candidates</h2>\n<table><tr><th class=\"l\">reason</th><th>candidates</th><th class=\"l\">for example</th></tr>\n");
            failureKinds(failed).forEach((kind, members) -> h.append("<tr><td class=\"l\">").append(esc(kind)).append("</td><td>")
                    .append(members.size()).append("</td><td class=\"l\">").append(esc(members.get(0).id() + " " + members.get(0).formula()))
                    .append("</td></tr>\n"));
            h.append("</table>\n<table><tr><th class=\"l\">id</th><th class=\"l\">formula</th><th class=\"l\">reason</th></tr>\n");
            for (Candidate c : failed.subList(0, Math.min(LISTED_FAILURES, failed.size()))) {
                h.append("<tr><td class=\"l\">").append(esc(c.id())).append("</td><td class=\"l\">").append(esc(c.formula()))
                        .append("</td><td class=\"l\">").append(esc(c.message())).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (failed.size() > LISTED_FAILURES) {
                h.append("<p>(first ").append(LISTED_FAILURES).append(" of ").append(failed.size())
                        .append(" failed candidates; all in candidates.csv)</p>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    /** Failed candidates listed one by one in summary.json and the page; all of them are in candidates.csv. */
    static final int LISTED_FAILURES = 100;

    /**
     * Failed candidates grouped by the kind of their reason, the message with its numbers replaced by {@code #} ("#.# Na per
     * formula unit needs #.# Na in the cell"), the most frequent kind first, each in candidate order.
     */
    static Map<String, List<Candidate>> failureKinds(List<Candidate> failed) {
        Map<String, List<Candidate>> kinds = new LinkedHashMap<>();
        for (Candidate c : failed) {
            String message = c.message() == null ? "" : c.message();
            kinds.computeIfAbsent(message.replaceAll("\\d+", "#"), k -> new ArrayList<>()).add(c);
        }
        List<Map.Entry<String, List<Candidate>>> sorted = new ArrayList<>(kinds.entrySet());
        sorted.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        Map<String, List<Candidate>> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** "How far to trust this ranking": the skill against the oracle first, or a plain statement that it is unmeasured. */
    private static void skillSection(StringBuilder h, Map<?, ?> skill) {
        h.append("<h2>How far to trust this ranking</h2>\n");
        if (skill == null || !Boolean.TRUE.equals(skill.get("measured"))) {
            h.append("<p class=\"note\"><b>Skill unmeasured.</b> ").append(esc(UNMEASURED)).append("</p>\n");
            return;
        }
        h.append(String.format(Locale.ROOT, "<p class=\"note\">%s held-out candidates labelled by the oracle (%s asked), %s. Oracle: %s. "
                + "Top k = %s.</p>%n", skill.get("n"), skill.get("asked"), esc(String.valueOf(skill.get("heldOut"))),
                esc(String.valueOf(skill.get("oracle"))), skill.get("top")));
        h.append("<table><tr><th class=\"l\">predictor</th><th>Spearman &rho;</th><th>Kendall &tau;</th><th>MAE (eV)</th>")
                .append("<th>top-k recall</th><th>enrichment</th><th class=\"l\">what</th></tr>\n");
        for (Map.Entry<?, ?> e : ((Map<?, ?>) skill.get("models")).entrySet()) {
            Map<?, ?> m = (Map<?, ?>) e.getValue();
            h.append("<tr><td class=\"l\">").append(esc(String.valueOf(e.getKey()))).append("</td><td>").append(fmt(m.get("spearman")))
                    .append("</td><td>").append(fmt(m.get("kendall"))).append("</td><td>").append(fmt(m.get("mae"))).append("</td><td>")
                    .append(fmt(m.get("topRecall"))).append("</td><td>").append(fmt(m.get("enrichment"))).append("</td><td class=\"l\">")
                    .append(esc(String.valueOf(m.get("description")))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (skill.get("composition") != null) {
            h.append("<p class=\"note\">Composition baseline ").append(esc(String.valueOf(skill.get("composition")))).append(".</p>\n");
        }
        if (skill.get("refused") instanceof List<?> refused && !refused.isEmpty()) {
            h.append("<p class=\"note\">").append(refused.size()).append(" drawn candidates were refused by the oracle (see summary.json).</p>\n");
        }
    }

    /** The skill section in a few lines for a terminal: one per predictor, or the statement that it is unmeasured. */
    static List<String> skillLines(Map<String, Object> skill) {
        if (skill == null) {
            return List.of("skill unmeasured: run with --validate N to compare the ranking with the oracle on N held-out candidates");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "skill on %s held-out candidates labelled by the oracle (top k = %s):", skill.get("n"), skill.get("top")));
        for (Map.Entry<?, ?> e : ((Map<?, ?>) skill.get("models")).entrySet()) {
            Map<?, ?> m = (Map<?, ?>) e.getValue();
            lines.add(String.format(Locale.ROOT, "  %-14s Spearman %s  Kendall %s  MAE %s eV  top-k recall %s  enrichment %s", e.getKey(),
                    fmt(m.get("spearman")), fmt(m.get("kendall")), fmt(m.get("mae")), fmt(m.get("topRecall")), fmt(m.get("enrichment"))));
        }
        return lines;
    }

    /** What the report says when the run did not measure its skill. */
    static final String UNMEASURED = "This ranking's skill against an oracle was not measured: nothing here shows that the predicted order of "
            + "barriers is better than chance. Run the screen with --validate N to label N held-out candidates with BVSE and compare.";

    private static void table(StringBuilder h, List<Candidate> rows, boolean calibrated) {
        h.append("<table><tr><th>rank</th><th class=\"l\">id</th><th class=\"l\">formula</th><th class=\"l\">dopants</th><th>Na</th>")
                .append("<th>cluster</th><th>Eb (eV)</th><th>&Delta;Eb (eV)</th><th>Ehull (meV/atom)</th><th>Pareto</th>")
                .append(calibrated ? "<th>&sigma; calibrated (S/cm)</th>" : "").append("<th class=\"l\">status</th></tr>\n");
        for (Candidate c : rows) {
            h.append("<tr><td>").append(c.rank() > 0 ? c.rank() : "").append("</td><td class=\"l\">").append(esc(c.id()))
                    .append("</td><td class=\"l\">");
            if (c.structure() != null && !c.structure().isEmpty()) {
                h.append("<a href=\"").append(esc(c.structure())).append("\">").append(esc(c.formula())).append("</a>");
            } else {
                h.append(esc(c.formula()));
            }
            h.append("</td><td class=\"l\">").append(esc(String.join(" ", c.dopants()))).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", c.naPerFormula())).append("</td><td>").append(c.cluster() > 0 ? c.cluster() : "")
                    .append("</td><td>").append(pm(c.ebEv(), c.ebStdEv(), "%.3f")).append("</td><td>")
                    .append(Double.isNaN(c.deltaEbEv()) ? "" : String.format(Locale.ROOT, "%+.3f", c.deltaEbEv())).append("</td><td>")
                    .append(pm(c.ehullMevAtom(), c.ehullStdMevAtom(), "%.1f")).append("</td><td>").append(c.pareto() ? "&#9670;" : "");
            if (calibrated) {
                h.append("</td><td>").append(Double.isNaN(c.conductivitySPerCm()) ? "" : String.format(Locale.ROOT, "%.2e", c.conductivitySPerCm()));
            }
            h.append("</td><td class=\"l\">").append(c.ok() ? "ok" : "failed: " + esc(c.message())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String pm(double mean, double std, String format) {
        if (Double.isNaN(mean)) {
            return "";
        }
        return String.format(Locale.ROOT, format, mean) + (Double.isNaN(std) ? "" : " &plusmn; " + String.format(Locale.ROOT, format, std));
    }

    private static String fmt(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.4g", n.doubleValue()) : "";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

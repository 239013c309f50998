package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.core.batch.BatchFailedException;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.distributed.Execution;
import org.cgformer.core.distributed.Partition;
import org.cgformer.core.distributed.PartitionEngine;
import org.cgformer.core.distributed.PartitionedJob;
import org.cgformer.core.install.Installation;
import org.cgformer.design.api.AgglomerativeClustering;
import org.cgformer.design.api.CompositionDescriptors;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Linkage;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.training.GraphSet;
import org.cgformer.ml.training.Refused;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.Ranking;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;
import org.cgformer.screening.api.Skill;
import org.cgformer.stability.api.NasiconException;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;

/**
 * The screening pipeline (DS component {@code org.cgformer.screening.service}). Stage outputs in the report folder:
 * {@code stages/candidates.csv} and {@code stages/funnel.json} (funnel), {@code structures/*.cif} and
 * {@code stages/generate-failed.csv} (generate), {@code graphs/} (graph cache) and {@code stages/featurize-failed.csv}
 * (featurize), {@code stages/predictions.csv} (predict), {@code candidates.csv} and {@code shortlist.csv} (rank),
 * {@code summary.json}, {@code plots/} and {@code index.html} (report); {@code stages/<stage>.done} marks a finished
 * stage with the digest of its inputs and its time.
 */
public class DefaultScreeningService implements ScreeningService {

    private volatile DesignWorkflow workflow;
    private volatile TrainingService training;
    private volatile BvseCalculator bvse;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();
    private final List<PartitionEngine> engines = new CopyOnWriteArrayList<>();

    public void setWorkflow(DesignWorkflow value) {
        workflow = value;
    }

    public void setTraining(TrainingService value) {
        training = value;
    }

    public void setBvse(BvseCalculator value) {
        bvse = value;
    }

    public void unsetBvse(BvseCalculator value) {
        if (bvse == value) {
            bvse = null;
        }
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    public void addEngine(PartitionEngine engine) {
        engines.add(engine);
    }

    public void removeEngine(PartitionEngine engine) {
        engines.remove(engine);
    }

    /** A candidate as the stages pass it on. */
    record Entry(String id, long enumerationRank, String formula, List<String> dopants, List<String> siteFractions, double na,
            int cluster) {
    }

    @Override
    public ScreeningResult screen(Path designSpaceFile, ScreeningOptions options, Path reportFolder, ScreeningListener listener,
            Execution execution) throws IOException, ScreeningException {
        PartitionEngine engine = execution.local() ? null : engine(execution.engine());
        if (engine != null && options.keepStructures()) {
            throw new ScreeningException("--keep-structures needs the local engine: a partitioned run makes the structures on the workers "
                    + "and keeps none (the reported ones are made again here)");
        }
        Files.createDirectories(reportFolder.resolve(StageMarkers.FOLDER));
        Run run = new Run(designSpaceFile, options, reportFolder, listener, List.copyOf(readers), training, bvse, threads());
        return run.execute(execution, engine);
    }

    /** The installed engine of that name. */
    PartitionEngine engine(String name) throws ScreeningException {
        try {
            return PartitionEngine.find(engines, name);
        } catch (IOException e) {
            throw new ScreeningException(e.getMessage(), e);
        }
    }

    @Override
    public void screenPartition(Path request, long from, long to, int threads, Path result, ScreeningListener listener) throws IOException, ScreeningException {
        PartitionRequest r = PartitionRequest.read(request);
        Path work = Files.createTempDirectory("cgformer-partition-");
        try {
            List<Map<String, String>> rows = Csv.read(r.candidates());
            if (from < 0 || to > rows.size() || from >= to) {
                throw new ScreeningException(request + ": partition [" + from + ", " + to + ") is not within the run's " + rows.size()
                        + " candidates");
            }
            Files.createDirectories(work.resolve(StageMarkers.FOLDER));
            Csv.write(work.resolve(StageMarkers.FOLDER).resolve("candidates.csv"), ENTRY_HEADER,
                    rows.subList((int) from, (int) to).stream().map(row -> ENTRY_HEADER.stream().map(row::get).toList()).toList());
            Run run = new Run(r.designSpace(), r.options(), work, listener, List.copyOf(readers), training, bvse,
                    Math.max(1, threads));
            run.predictPartition(result);
        } finally {
            deleteRecursively(work);
        }
    }

    @Override
    public Map<String, Object> labels(Path modelFolder) throws ScreeningException {
        Map<String, Object> labels = ModelEnsemble.describe(modelFolder).labels();
        return labels == null ? Map.of() : labels;
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One screening run: the stages in order, each skipped when its marker matches its inputs. */
    private final class Run {
        final Path designSpaceFile;
        final ScreeningOptions options;
        final Path report;
        final ScreeningListener listener;
        final List<StructureReader> runReaders;
        final TrainingService runTraining;
        final BvseCalculator oracle;
        /** Threads of the generate stage and the oracle: the cores (at most 8), or a partition task's share of them. */
        final int runThreads;
        final StageMarkers markers;
        final List<String> resumed = new ArrayList<>();
        final Map<String, Double> seconds = new LinkedHashMap<>();
        DesignSpace designSpace;
        /** The run's own design-space recipe: the design space's host and site, --decorations, --seed. */
        StructureRecipe runRecipe;
        /** Per role (eb, ehull, eb-baseline, ehull-baseline) the recipe of its structures. */
        final Map<String, StructureRecipes.Resolved> recipes = new LinkedHashMap<>();
        /**
         * Whether the models' structures and graphs are made in memory in the predict stage, batch by batch (the default),
         * instead of structure files (generate) and a graph cache (featurize) for every candidate: about 120 kB of graph and
         * 6 kB of CIF written and read again per candidate and model recipe. {@code --keep-graphs} and
         * {@code --keep-structures} ask for the files.
         */
        boolean streaming;

        Run(Path designSpaceFile, ScreeningOptions options, Path report, ScreeningListener listener, List<StructureReader> readers,
                TrainingService training, BvseCalculator oracle, int threads) {
            this.designSpaceFile = designSpaceFile;
            this.options = options;
            this.report = report;
            this.listener = listener;
            this.runReaders = readers;
            this.runTraining = training;
            this.oracle = oracle;
            this.runThreads = threads;
            this.markers = new StageMarkers(report);
        }

        /** Loads the design space, checks the model folders and resolves the recipes: what every run needs first. */
        void prepare() throws IOException, ScreeningException {
            designSpace = loadValid(designSpaceFile);
            // refuse missing or unreadable model folders before hours of generation
            for (Path model : new Path[] {options.ebModel(), options.ehullModel(), options.ebBaseline(), options.ehullBaseline()}) {
                if (model != null) {
                    ModelEnsemble.describe(model);
                }
            }
            resolveRecipes(); // a model whose structures this run cannot build is refused before the work, too
        }

        ScreeningResult execute(Execution execution, PartitionEngine engine) throws IOException, ScreeningException {
            prepare();
            String key = digest(Files.readAllBytes(designSpaceFile)) + "|all=" + options.all() + "|groups=" + options.groups()
                    + "|limit=" + options.limit();
            boolean fresh = false;
            fresh = stage("funnel", key, fresh, this::funnel);
            streaming = engine == null && streams(options);
            key += "|K=" + options.decorations() + "|seed=" + options.seed() + "|recipes=" + recipeKeys() + "|streaming=" + streaming;
            if (engine == null) {
                fresh = stage("generate", key, fresh, this::generate);
                key += "|featurizers=" + featurizerSpecs();
                fresh = stage("featurize", key, fresh, this::featurize);
                key += "|models=" + modelDigest(options.ebModel()) + "," + (options.ehullModel() == null ? "-" : modelDigest(options.ehullModel()));
                fresh = stage("predict", key, fresh, this::predict);
            } else {
                // generate, featurize and predict in one stage on the engine; the partitions of an interrupted run are kept
                key += "|featurizers=" + featurizerSpecs() + "|models=" + modelDigest(options.ebModel()) + ","
                        + (options.ehullModel() == null ? "-" : modelDigest(options.ehullModel())) + "|partitioned";
                fresh = stage("predict", key, fresh, () -> predictPartitioned(execution, engine));
            }
            key += "|" + options.scoreDefinition() + "|calibration=" + options.calibration();
            fresh = stage("rank", key, fresh, this::rank);
            key += "|baselines=" + options.ebBaseline() + "," + options.ehullBaseline()
                    + (options.ebBaseline() == null ? "" : "," + modelDigest(options.ebBaseline()));
            if (options.validate() > 0 && oracle == null) {
                throw new ScreeningException("validation needs the BVSE calculator service (bundle org.cgformer.bvse), which is not running");
            }
            key += "|validate=" + options.validate() + "@" + options.oracleResolution() + "x" + options.oracleDecorations();
            fresh = stage("validate", key, fresh, this::validate);
            seconds.put("report", null);
            List<Candidate> read = ReportFiles.readCandidates(report.resolve(ReportFiles.CANDIDATES));
            List<Candidate> ranked = options.keepStructures() ? read : keepReportedStructures(read);
            Map<String, Object> parent = ReportFiles.readJson(stageFile(PARENT));
            Map<String, Object> skill = Files.isRegularFile(stageFile(SKILL)) ? ReportFiles.readJson(stageFile(SKILL)) : null;
            stage("report", key, fresh,
                    () -> ReportWriter.write(report, designSpaceFile, options, ranked, parent, skill, this::timings, listener));
            if (!options.keepGraphs()) {
                deleteGraphs();
            }
            return new ScreeningResult(report, ranked, List.copyOf(resumed), timings(), ReportWriter.skillLines(skill));
        }

        Map<String, Double> timings() {
            Map<String, Double> copy = new LinkedHashMap<>();
            seconds.forEach((k, v) -> {
                if (v != null) {
                    copy.put(k, v);
                }
            });
            return copy;
        }

        /** Runs the stage unless an earlier stage ran afresh or its marker matches; returns whether it ran. */
        boolean stage(String name, String inputs, boolean earlierRan, StageWork work) throws IOException, ScreeningException {
            String digest = digest(inputs.getBytes(StandardCharsets.UTF_8));
            if (!earlierRan) {
                Double earlier = markers.secondsIfDone(name, digest);
                if (earlier != null) {
                    listener.stage(name, true);
                    resumed.add(name);
                    seconds.put(name, earlier);
                    return false;
                }
            }
            markers.clear(name);
            listener.stage(name, false);
            long start = System.nanoTime();
            work.run();
            double took = (System.nanoTime() - start) / 1e9;
            seconds.put(name, took);
            markers.done(name, digest, took);
            return true;
        }

        void resolveRecipes() throws IOException, ScreeningException {
            Path host = DesignSpaceResources.hostStructurePath(designSpace);
            if (!Files.isRegularFile(host)) {
                throw new ScreeningException(designSpaceFile + ": no host structure file " + host);
            }
            runRecipe = StructureRecipe.designSpace(host, designSpace.getHostFormula(), designSpace.getSite().getLabel(),
                    runSupercell(options.ebModel()), options.decorations(), options.seed());
            List<Path> hostFolders = new ArrayList<>();
            hostFolders.add(host.toAbsolutePath().getParent());
            hostFolders.add(Installation.sharedData().resolve("nasicon"));
            Installation.findShipped(SHIPPED_HOSTS).ifPresent(hostFolders::add);
            hostFolders.add(Path.of("").toAbsolutePath());
            String[] roles = {"eb", "ehull", "eb-baseline", "ehull-baseline"};
            Path[] models = {options.ebModel(), options.ehullModel(), options.ebBaseline(), options.ehullBaseline()};
            for (int i = 0; i < roles.length; i++) {
                if (models[i] != null) {
                    StructureRecipes.Resolved r = StructureRecipes.resolve(roles[i], models[i], StructureRecipes.recorded(models[i]), runRecipe,
                            hostFolders);
                    recipes.put(roles[i], r);
                }
            }
        }

        /**
         * The supercell policy of the run's own structures (the report's, and the oracle's): the barrier model's, when it
         * records a design-space recipe, so that the structures a scientist opens are the ones it ranked; for a model of
         * occupancy-weighted cells the ordered cells those stand for, since BVSE labels ordered decorations; else the
         * conventional cell, the recipe of models trained before recipes recorded one.
         */
        private static String runSupercell(Path ebModel) throws ScreeningException {
            StructureRecipe recorded = ebModel == null ? null : StructureRecipes.recorded(ebModel);
            return recorded != null && StructureRecipe.DESIGN_SPACE.equals(recorded.generator()) && recorded.supercell() != null
                    ? recorded.orderedDecorations().supercell() : StructureRecipe.SMALLEST_INTEGRAL;
        }

        /** The keys of the distinct recipes the run builds, the run's own first. */
        String recipeKeys() {
            return String.join(",", distinctRecipes().stream().map(r -> r.recipe().key()).toList());
        }

        /** The distinct recipes to build, the run's own (the report's structures) first. */
        List<StructureRecipes.Resolved> distinctRecipes() {
            Map<StructureRecipe, StructureRecipes.Resolved> distinct = new LinkedHashMap<>();
            distinct.put(runRecipe, new StructureRecipes.Resolved(runRecipe, runRecipe, null, "the run's"));
            recipes.values().forEach(r -> distinct.putIfAbsent(r.recipe(), r));
            return new ArrayList<>(distinct.values());
        }

        StructureRecipe recipeOf(String role) {
            StructureRecipes.Resolved r = recipes.get(role);
            return r == null ? runRecipe : r.recipe();
        }

        String featurizerSpecs() throws ScreeningException {
            Set<String> specs = new LinkedHashSet<>();
            for (Path model : modelFolders()) {
                var d = ModelEnsemble.describe(model);
                specs.add(d.featurizer() + "@" + d.featurizerVersion());
            }
            return String.join(",", specs);
        }

        List<Path> modelFolders() {
            List<Path> folders = new ArrayList<>();
            folders.add(options.ebModel());
            if (options.ehullModel() != null) {
                folders.add(options.ehullModel());
            }
            return folders;
        }

        // ---- funnel -------------------------------------------------------------------------------------------------

        void funnel() throws IOException, ScreeningException {
            FunnelResult filtered = runFunnel(designSpace);
            List<FunnelResult.Survivor> survivors = filtered.survivors();
            int[] clusters = cluster(survivors);
            Map<Long, Integer> clusterOfRank = new LinkedHashMap<>();
            for (int i = 0; i < survivors.size(); i++) {
                clusterOfRank.put(survivors.get(i).rank(), clusters[i]);
            }
            List<FunnelResult.Survivor> screened = survivors;
            if (options.all()) {
                screened = runFunnel(DesignSpaceResources.unfilteredCopy(designSpace)).survivors();
            }
            if (options.limit() > 0 && screened.size() > options.limit()) {
                screened = screened.subList(0, options.limit());
            }
            List<String> fractions = siteFractionsTemplate();
            List<List<String>> rows = new ArrayList<>();
            for (FunnelResult.Survivor s : screened) {
                rows.add(List.of("c" + s.rank(), Long.toString(s.rank()), s.formula(), String.join(";", s.dopants()),
                        String.join(";", siteFractions(fractions, s.dopants())), Double.toString(s.mobileIonContent()),
                        Integer.toString(clusterOfRank.getOrDefault(s.rank(), 0))));
            }
            Csv.write(report.resolve(StageMarkers.FOLDER).resolve("candidates.csv"), ENTRY_HEADER, rows);
            ReportFiles.writeFunnel(report.resolve(StageMarkers.FOLDER).resolve("funnel.json"), filtered, screened.size(), options.all());
            listener.message(String.format(Locale.ROOT, "funnel: %s; %d candidates to screen%s", filtered.summary(), screened.size(),
                    options.all() ? " (--all: every combination)" : ""));
        }

        FunnelResult runFunnel(DesignSpace space) throws ScreeningException {
            try {
                return workflow.funnel(space, new BasicMonitor());
            } catch (DesignException e) {
                throw new ScreeningException(designSpaceFile + ": " + e.getMessage(), e);
            }
        }

        int[] cluster(List<FunnelResult.Survivor> survivors) {
            if (survivors.size() < 2) {
                return survivors.isEmpty() ? new int[0] : new int[] {1};
            }
            double[][] rows = new double[survivors.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = survivors.get(i).descriptors();
            }
            int[] labels = AgglomerativeClustering.cluster(CompositionDescriptors.standardize(rows), Linkage.WARD)
                    .cut(Math.min(options.groups(), survivors.size()));
            for (int i = 0; i < labels.length; i++) {
                labels[i]++;
            }
            return labels;
        }

        /** "El:fraction" entries with a {@code %s} slot per dopant, host first when kept. */
        List<String> siteFractionsTemplate() {
            int cations = designSpace.getDopantCount() + (designSpace.getSite().isHostKept() ? 1 : 0);
            List<Double> fractions = new ArrayList<>(designSpace.getFractions());
            while (fractions.size() < cations) {
                fractions.add(1.0 / cations);
            }
            List<String> template = new ArrayList<>();
            int f = 0;
            if (designSpace.getSite().isHostKept()) {
                template.add(designSpace.getSite().getHostElement() + ":" + format(fractions.get(f++)));
            }
            for (int d = 0; d < designSpace.getDopantCount(); d++) {
                template.add("%s:" + format(fractions.get(f++)));
            }
            return template;
        }

        List<String> siteFractions(List<String> template, List<String> dopants) {
            List<String> out = new ArrayList<>(template.size());
            int d = 0;
            for (String t : template) {
                out.add(t.startsWith("%s") ? dopants.get(d++) + t.substring(2) : t);
            }
            return out;
        }

        /** A structure file written whole or not at all: an interrupted run never leaves half a CIF to resume from. */
        static void writeAtomically(Path file, String text) throws IOException {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        /** The entries by id. */
        Map<String, Entry> entriesById() throws IOException {
            Map<String, Entry> byId = new LinkedHashMap<>();
            entries().forEach(e -> byId.put(e.id(), e));
            return byId;
        }

        List<Entry> entries() throws IOException {
            List<Entry> entries = new ArrayList<>();
            for (Map<String, String> row : Csv.read(report.resolve(StageMarkers.FOLDER).resolve("candidates.csv"))) {
                entries.add(new Entry(row.get("id"), Long.parseLong(row.get("enumeration_rank")), row.get("formula"),
                        List.of(row.get("dopant_elements").split(";")), List.of(row.get("dopants").split(";")),
                        Double.parseDouble(row.get("na_per_formula")), Integer.parseInt(row.get("cluster"))));
            }
            return entries;
        }

        // ---- generate -----------------------------------------------------------------------------------------------

        void generate() throws IOException, ScreeningException {
            List<Entry> entries = entries();
            List<List<String>> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, Object> used = new LinkedHashMap<>();
            List<StructureRecipes.Resolved> distinct = distinctRecipes();
            if (streaming) {
                listener.message("generate: the models' structures are made in memory in the predict stage, the report's are made only "
                        + "for the candidates a stage needs (--keep-structures writes them all)");
            }
            for (StructureRecipes.Resolved resolved : streaming ? List.<StructureRecipes.Resolved>of() : distinct) {
                if (resolved.recipe().equals(runRecipe) && !modelsRead(runRecipe) && !options.keepStructures()) {
                    // models of occupancy-weighted cells: the ordered cells are only the report's and the oracle's, made
                    // when a stage needs them (structure(e, runRecipe)), not for every candidate
                    listener.message("generate: the report's ordered structures (" + runRecipe.describe() + ") are made only for the "
                            + "candidates a stage needs: no model reads them");
                    continue;
                }
                generate(entries, resolved, failed);
            }
            recipes.forEach((role, r) -> {
                used.put(role, r.toMap());
                if (r.recorded() == null) {
                    listener.message(role + " model: " + r.note());
                }
            });
            ReportFiles.JSON.writeValue(stageFile(RECIPES).toFile(), used);
            List<List<String>> sorted = new ArrayList<>(failed);
            sorted.sort(java.util.Comparator.comparing(row -> row.get(0))); // stable: the run's own recipe's failure first
            Csv.write(report.resolve(StageMarkers.FOLDER).resolve("generate-failed.csv"), FAILED_HEADER, sorted);
            long failedIds = sorted.stream().map(row -> row.get(0)).distinct().count();
            listener.message(String.format(Locale.ROOT, "generate: %d candidates, %d failed, %d recipe%s", entries.size() - failedIds, failedIds,
                    distinct.size(), distinct.size() == 1 ? "" : "s"));
        }

        /** The structures of one recipe, in its folder; failures added to {@code failed}. */
        void generate(List<Entry> entries, StructureRecipes.Resolved resolved, List<List<String>> failed) throws IOException, ScreeningException {
            StructureRecipe recipe = resolved.recipe();
            Path folder = Files.createDirectories(structureFolder(recipe));
            StructureRecipe earlier = StructureRecipe.read(folder);
            if (earlier != null && !earlier.equals(recipe)) {
                // structures of an interrupted run are kept only when they were made the same way
                try (java.util.stream.Stream<Path> old = Files.list(folder)) {
                    for (Path f : old.filter(f -> f.getFileName().toString().endsWith(".cif")).toList()) {
                        Files.delete(f);
                    }
                }
            }
            recipe.write(folder);
            // one generator per thread: a generator caches its supercells and is not thread-safe
            ThreadLocal<StructureRecipes.Builder> generators = new ThreadLocal<>();
            builder(resolved); // fails early, naming the host file, when the host cannot be read
            int existing = 0;
            for (Entry e : entries) {
                existing += Files.isRegularFile(folder.resolve(structureName(e))) ? 1 : 0;
            }
            if (existing > 0) {
                listener.message("generate: " + existing + " structures from an interrupted run are kept");
            }
            ProgressMeter meter = new ProgressMeter(listener, "generate", entries.size(), existing);
            List<Entry> todo = entries.stream().filter(e -> !Files.isRegularFile(folder.resolve(structureName(e)))).toList();
            parallel(todo, e -> {
                Path cif = folder.resolve(structureName(e));
                try {
                    StructureRecipes.Builder generator = generators.get();
                    if (generator == null) {
                        generator = builder(resolved);
                        generators.set(generator);
                    }
                    writeAtomically(cif, generator.cif(e, options.seed() + e.enumerationRank()));
                } catch (DesignException | NasiconException | RuntimeException x) {
                    String why = generationFailure(recipe, x);
                    failed.add(List.of(e.id(), why));
                    sayFailure(e, why);
                }
                meter.worked();
            });
            listener.message(String.format(Locale.ROOT, "generate: recipe %s, %.1f s", recipe.describe(), meter.seconds()));
        }

        /** Whether a model of this run reads structures of {@code recipe}. */
        boolean modelsRead(StructureRecipe recipe) {
            return recipes.values().stream().anyMatch(r -> r.recipe().equals(recipe));
        }

        StructureRecipes.Builder builder(StructureRecipes.Resolved resolved) throws ScreeningException {
            return StructureRecipes.builder(resolved, runRecipe, designSpace, runReaders, designSpaceFile);
        }

        /** A new builder of {@code recipe}, one of this run's distinct recipes. */
        StructureRecipes.Builder builder(StructureRecipe recipe) throws ScreeningException {
            StructureRecipes.Resolved resolved = distinctRecipes().stream().filter(r -> r.recipe().equals(recipe)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("recipe " + recipe.describe() + " is not one of this run's"));
            return builder(resolved);
        }

        /** The message of a candidate whose structure of {@code recipe} cannot be made, as every stage records it. */
        String generationFailure(StructureRecipe recipe, Exception x) {
            return (recipe.equals(runRecipe) ? "structure generation: " : "structure generation (recipe " + recipe.generator() + "): ")
                    + describe(x);
        }

        /** {@code structures/}, or its sub-folder for a recipe other than the run's own. */
        Path structureFolder(StructureRecipe recipe) {
            String name = StructureRecipes.folderName(recipe, runRecipe);
            Path structures = report.resolve(ReportFiles.STRUCTURES);
            return name.isEmpty() ? structures : structures.resolve(name);
        }

        /**
         * Runs {@code work} for every entry on {@link #runThreads} threads; the listener is called from them (it is told
         * progress and messages only). An IOException or ScreeningException of one item stops the stage.
         */
        <T> void parallel(List<T> items, ItemWork<T> work) throws IOException, ScreeningException {
            BatchProcessor batch = BatchProcessor.builder().setName("screening").optThreads(runThreads).build();
            BatchResult<T, Object> result;
            try {
                result = batch.run(items, item -> {
                    work.run(item);
                    return null;
                });
            } catch (BatchFailedException e) {
                // an item's IOException or ScreeningException stops the stage as before; anything else is a bug and stays loud
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof ScreeningException se) {
                    throw se;
                }
                throw e;
            }
            if (!result.notStarted().isEmpty()) {
                throw new ScreeningException("interrupted: " + result.notStarted().size() + " of " + items.size() + " items not started");
            }
        }

        // ---- featurize ----------------------------------------------------------------------------------------------

        void featurize() throws IOException, ScreeningException {
            if (streaming) {
                Csv.write(report.resolve(StageMarkers.FOLDER).resolve("featurize-failed.csv"), FAILED_HEADER, List.of());
                listener.message("featurize: in memory in the predict stage, no graph files (--keep-graphs keeps a graph cache)");
                return;
            }
            List<Entry> entries = okEntries(List.of("generate-failed.csv"));
            // the structures of each model's recipe with the featurizer it was trained with
            Map<String, Map.Entry<StructureRecipe, Featurizer>> pairs = new LinkedHashMap<>();
            for (String role : new String[] {"eb", "ehull"}) {
                Path model = role.equals("eb") ? options.ebModel() : options.ehullModel();
                if (model != null) {
                    var d = ModelEnsemble.describe(model);
                    Featurizer featurizer;
                    try {
                        featurizer = runTraining.featurizer(d.featurizer() + "@" + d.featurizerVersion());
                    } catch (FeaturizationException e) {
                        throw new ScreeningException(e.getMessage(), e);
                    }
                    pairs.putIfAbsent(recipeOf(role).key() + "|" + d.featurizer() + "@" + d.featurizerVersion(),
                            Map.entry(recipeOf(role), featurizer));
                }
            }
            ProgressMeter meter = new ProgressMeter(listener, "featurize", entries.size() * pairs.size(), 0);
            Map<String, String> failed = new LinkedHashMap<>();
            for (Map.Entry<StructureRecipe, Featurizer> pair : pairs.values()) {
                Featurizer featurizer = pair.getValue();
                // in chunks: the graphs go to the cache, not into memory (a NASICON supercell graph holds 600 x 600 paths)
                for (int from = 0; from < entries.size(); from += FEATURIZE_CHUNK) {
                    List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + FEATURIZE_CHUNK));
                    Map<Path, Entry> byFile = new LinkedHashMap<>();
                    for (Entry e : chunk) {
                        byFile.put(structure(e, pair.getKey()), e);
                    }
                    GraphSet set = featurize(new ArrayList<>(byFile.keySet()), featurizer);
                    for (Refused r : set.refused()) {
                        Entry e = byFile.get(r.file());
                        String why = "featurization (" + featurizer.name() + "): " + r.reason();
                        if (e != null && failed.putIfAbsent(e.id(), why) == null) {
                            sayFailure(e, why);
                        }
                    }
                    chunk.forEach(e -> meter.worked());
                }
            }
            List<List<String>> rows = new ArrayList<>();
            failed.forEach((id, why) -> rows.add(List.of(id, why)));
            Csv.write(report.resolve(StageMarkers.FOLDER).resolve("featurize-failed.csv"), FAILED_HEADER, rows);
            listener.message(String.format(Locale.ROOT, "featurize: %d structures, %d failed, %.1f s", entries.size() - failed.size(),
                    failed.size(), meter.seconds()));
        }

        /**
         * Graphs of the files through the training service (all cores); through the report's graph cache unless the run
         * streams, which writes no graph files (the parent's, the validated candidates').
         */
        GraphSet featurize(List<Path> files, Featurizer featurizer) throws ScreeningException {
            try {
                return runTraining.featurize(files, featurizer, streaming ? null : report.resolve(ReportFiles.GRAPHS), TrainingMonitor.NONE);
            } catch (java.io.UncheckedIOException e) {
                throw new ScreeningException(e.getMessage(), e);
            }
        }

        /** The structure of {@code e} made with the run's own (design-space) recipe: the report's {@code structure}. */
        Path cif(Entry e) {
            return cif(e, runRecipe);
        }

        /** Where the structure of {@code e} made with {@code recipe} is written (it may have been deleted since, see {@link #structure}). */
        Path cif(Entry e, StructureRecipe recipe) {
            return structureFolder(recipe).resolve(structureName(e));
        }

        /**
         * The structure file of {@code e} made with {@code recipe}, made again when the run deleted it ({@link
         * #keepReportedStructures}): the same structure, since it follows from the recipe and seed + rank alone.
         */
        Path structure(Entry e, StructureRecipe recipe) throws ScreeningException {
            Path file = cif(e, recipe);
            if (!Files.isRegularFile(file)) {
                makeAgain(e, recipe, file);
            }
            return file;
        }

        /** Builders of {@link #makeAgain}, one per recipe; used by one thread at a time. */
        private final Map<StructureRecipe, StructureRecipes.Builder> rebuilders = new HashMap<>();

        private synchronized void makeAgain(Entry e, StructureRecipe recipe, Path file) throws ScreeningException {
            if (Files.isRegularFile(file)) {
                return;
            }
            try {
                StructureRecipes.Builder builder = rebuilders.get(recipe);
                if (builder == null) {
                    builder = builder(recipe);
                    rebuilders.put(recipe, builder);
                }
                Files.createDirectories(file.getParent());
                writeAtomically(file, builder.cif(e, options.seed() + e.enumerationRank()));
            } catch (IOException | DesignException | NasiconException | StructureException x) {
                throw new ScreeningException(e.id() + " " + e.formula() + ": cannot make its structure (" + recipe.describe() + ") again: "
                        + describe(x), x);
            }
        }

        /**
         * Deletes the structure files of every candidate but those of the shortlist, the Pareto front and the validated
         * ones (made again first if a rerun deleted them), in every recipe's folder, and returns the candidates with the
         * {@code structure} of the others cleared, as candidates.csv and shortlist.csv now list them. A structure is
         * about 13 kB per recipe for a 210-site cell, so keeping all of 148,995 would take gigabytes; any of them is made
         * again, the same, from the recipe and its seed.
         */
        List<Candidate> keepReportedStructures(List<Candidate> ranked) throws IOException, ScreeningException {
            Set<String> kept = new java.util.HashSet<>();
            ranked.stream().filter(c -> c.shortlist() || c.pareto()).forEach(c -> kept.add(c.id()));
            if (Files.isRegularFile(stageFile(SKILL))) {
                if (ReportFiles.readJson(stageFile(SKILL)).get("candidates") instanceof List<?> validated) {
                    validated.stream().filter(Map.class::isInstance).map(row -> String.valueOf(((Map<?, ?>) row).get("id"))).forEach(kept::add);
                }
            }
            Map<String, Entry> byId = entriesById();
            List<StructureRecipe> recipes = distinctRecipes().stream().map(StructureRecipes.Resolved::recipe).toList();
            List<Candidate> out = new ArrayList<>(ranked.size());
            int deleted = 0;
            boolean changed = false;
            for (Candidate c : ranked) {
                Entry e = byId.get(c.id());
                boolean keep = kept.contains(c.id()) && c.ok();
                for (StructureRecipe recipe : recipes) {
                    if (keep) {
                        structure(e, recipe);
                    } else if (Files.deleteIfExists(cif(e, recipe))) {
                        deleted++;
                    }
                }
                String structure = keep ? reportedStructure(e) : "";
                changed |= !structure.equals(c.structure());
                out.add(structure.equals(c.structure()) ? c : c.withStructure(structure));
            }
            if (changed) {
                // 31 MB for every combination: written again only when a structure cell changed
                ReportFiles.writeCandidates(report.resolve(ReportFiles.CANDIDATES), out);
                ReportFiles.writeCandidates(report.resolve(ReportFiles.SHORTLIST), out.stream().filter(Candidate::shortlist).toList());
            }
            if (deleted > 0) {
                listener.message(String.format(Locale.ROOT, "structures: kept those of the %d shortlisted, Pareto and validated candidates, "
                        + "deleted %d files of the others (--keep-structures keeps all)", kept.size(), deleted));
            }
            return out;
        }

        /** The {@code structure} cell of a candidate whose structure the report keeps. */
        String reportedStructure(Entry e) {
            return ReportFiles.STRUCTURES + "/" + structureName(e);
        }

        /** Entries not listed in any of the failure files. */
        List<Entry> okEntries(List<String> failureFiles) throws IOException {
            Set<String> failed = failedIds(failureFiles).keySet();
            return entries().stream().filter(e -> !failed.contains(e.id())).toList();
        }

        Map<String, String> failedIds(List<String> failureFiles) throws IOException {
            Map<String, String> failed = new LinkedHashMap<>();
            for (String name : failureFiles) {
                Path file = report.resolve(StageMarkers.FOLDER).resolve(name);
                if (Files.isRegularFile(file)) {
                    for (Map<String, String> row : Csv.read(file)) {
                        failed.putIfAbsent(row.get("id"), row.get("message"));
                    }
                }
            }
            return failed;
        }

        // ---- predict ------------------------------------------------------------------------------------------------

        void predict() throws IOException, ScreeningException {
            predictCandidates(true);
        }

        /**
         * Predicts the candidates that were generated and featurized into {@code stages/predictions.csv}; with
         * {@code parent}, the undoped parent too ({@code stages/parent.json}).
         */
        void predictCandidates(boolean parent) throws IOException, ScreeningException {
            List<Entry> entries = okEntries(List.of("generate-failed.csv", "featurize-failed.csv"));
            Map<String, double[]> values = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
            made = new Made();
            try (ModelEnsemble eb = ModelEnsemble.load(options.ebModel(), runTraining);
                    ModelEnsemble ehull = options.ehullModel() == null ? null : ModelEnsemble.load(options.ehullModel(), runTraining)) {
                listener.message(String.format(Locale.ROOT, "predict: Eb with %s (%d model%s)%s", eb.descriptor().model(), eb.size(),
                        eb.size() == 1 ? "" : "s", ehull == null ? ", no stability model"
                                : String.format(Locale.ROOT, ", Ehull with %s (%d model%s)", ehull.descriptor().model(), ehull.size(),
                                        ehull.size() == 1 ? "" : "s")));
                ProgressMeter meter = new ProgressMeter(listener, "predict", entries.size(), 0);
                List<List<Entry>> batches = new ArrayList<>();
                for (int from = 0; from < entries.size(); from += options.batchSize()) {
                    batches.add(entries.subList(from, Math.min(entries.size(), from + options.batchSize())));
                }
                // batches on all cores: a batch of small cells is too little work for libtorch to spread over its threads
                // (one per core but one on small machines), so one batch per core keeps them busy
                parallel(batches, batch -> {
                    try {
                        predictBatch(batch, eb, ehull, values);
                    } catch (ScreeningException | RuntimeException x) {
                        // find the candidate that breaks the batch: predict one by one
                        for (Entry e : batch) {
                            try {
                                predictBatch(List.of(e), eb, ehull, values);
                            } catch (ScreeningException | RuntimeException y) {
                                failed.put(e.id(), "prediction: " + describe(y));
                                sayFailure(e, "prediction: " + describe(y));
                            }
                        }
                    }
                    batch.forEach(e -> meter.worked());
                });
                if (parent) {
                    predictParent(eb, ehull);
                }
            }
            List<Entry> predicted = entries;
            if (streaming) {
                // what the generate and featurize stages record when they make files
                made.write(entries);
                predicted = entries.stream().filter(e -> !made.failed(e.id())).toList();
            }
            List<List<String>> rows = new ArrayList<>();
            for (Entry e : predicted) {
                double[] v = values.get(e.id());
                String why = failed.get(e.id());
                if (why == null && v == null) {
                    why = "prediction: no value";
                }
                rows.add(List.of(e.id(), v == null ? "" : num(v[0]), v == null ? "" : num(v[1]), v == null ? "" : num(v[2]),
                        v == null ? "" : num(v[3]), why == null ? "" : why));
            }
            Csv.write(report.resolve(StageMarkers.FOLDER).resolve("predictions.csv"), PREDICTION_HEADER, rows);
        }

        void predictBatch(List<Entry> batch, ModelEnsemble eb, ModelEnsemble ehull, Map<String, double[]> values)
                throws ScreeningException {
            List<CrystalGraph> ebGraphs;
            List<CrystalGraph> ehullGraphs = null;
            if (streaming) {
                // candidates whose structure or graph cannot be made are recorded as failed there and left out here
                List<Entry> ok = new ArrayList<>(batch.size());
                ebGraphs = new ArrayList<>(batch.size());
                ehullGraphs = ehull == null ? null : new ArrayList<>(batch.size());
                boolean shared = ehull != null && recipeOf("ehull").equals(recipeOf("eb")) && sameFeaturizer(eb, ehull);
                for (Entry e : batch) {
                    CrystalGraph ebGraph = made.graph(e, recipeOf("eb"), eb.featurizer());
                    CrystalGraph ehullGraph = ehull == null || ebGraph == null ? null
                            : shared ? ebGraph : made.graph(e, recipeOf("ehull"), ehull.featurizer());
                    if (ebGraph != null && (ehull == null || ehullGraph != null)) {
                        ok.add(e);
                        ebGraphs.add(ebGraph);
                        if (ehullGraphs != null) {
                            ehullGraphs.add(ehullGraph);
                        }
                    }
                }
                batch = ok;
                if (batch.isEmpty()) {
                    return;
                }
            } else {
                ebGraphs = graphs(batch, eb.featurizer(), recipeOf("eb"));
                ehullGraphs = ehull == null ? null : graphs(batch, ehull.featurizer(), recipeOf("ehull"));
            }
            double[][] ebValues = eb.predict(ebGraphs);
            double[][] ehullValues = ehull == null ? null : ehull.predict(ehullGraphs);
            for (int i = 0; i < batch.size(); i++) {
                double[] v = {ebValues[0][i], ebValues[1][i], ehull == null ? Double.NaN : ehullValues[0][i],
                    ehull == null ? Double.NaN : ehullValues[1][i]};
                if (!Double.isFinite(v[0]) || (ehull != null && !Double.isFinite(v[2]))) {
                    throw new IllegalStateException("the model gave a value that is not finite (Eb " + v[0] + ", Ehull " + v[2] + ")");
                }
                values.put(batch.get(i).id(), v);
            }
        }

        /**
         * Generate, featurize and predict on the engine, partitioned: the partition request (the design space, the
         * options and the funnel's candidates) goes to {@code stages/partitions/request.json}, each partition's result
         * to a folder named by the request's digest, so that a run with the same inputs reuses the partitions an
         * interrupted one finished. The results are merged into {@code stages/predictions.csv} in candidate order; the
         * parent is predicted here.
         */
        void predictPartitioned(Execution execution, PartitionEngine engine) throws IOException, ScreeningException {
            List<Entry> entries = entries();
            Path folder = Files.createDirectories(stageFile("partitions"));
            Path request = folder.resolve("request.json");
            byte[] requestBytes = PartitionRequest.bytes(designSpaceFile, options, stageFile("candidates.csv"));
            if (!Files.isRegularFile(request) || !java.util.Arrays.equals(Files.readAllBytes(request), requestBytes)) {
                Files.write(request, requestBytes);
            }
            Path results = Files.createDirectories(folder.resolve(digest(requestBytes).substring(0, 16)));
            List<Partition> all = Partition.split(entries.size(), execution.partitionsFor(entries.size(), DEFAULT_PARTITION_SIZE));
            List<Partition> todo = Partition.unfinished(all, results);
            listener.message(String.format(Locale.ROOT, "predict: %d candidates in %d partitions on %s (%s)%s", entries.size(), all.size(),
                    engine.name(), execution.master(), todo.size() < all.size()
                            ? String.format(Locale.ROOT, "; %d finished by an earlier run are kept", all.size() - todo.size()) : ""));
            if (!todo.isEmpty()) {
                try {
                    engine.run(new PartitionedJob("screen " + designSpaceFile.getFileName(), PartitionedJob.workerCommand("screen-partition",
                            request), todo, results, execution.master(), execution.settings()), listener::message);
                } catch (IOException e) {
                    throw new ScreeningException("the " + engine.name() + " engine failed: " + e.getMessage()
                            + " (finished partitions are kept; run again to go on)", e);
                }
            }
            mergePartitions(entries, all, results);
            try (ModelEnsemble eb = ModelEnsemble.load(options.ebModel(), runTraining);
                    ModelEnsemble ehull = options.ehullModel() == null ? null : ModelEnsemble.load(options.ehullModel(), runTraining)) {
                predictParent(eb, ehull);
            }
        }

        /** The partitions' rows as {@code stages/predictions.csv}, in candidate order; a missing candidate is a bug of the engine. */
        void mergePartitions(List<Entry> entries, List<Partition> partitions, Path results) throws IOException, ScreeningException {
            List<List<String>> rows = new ArrayList<>(entries.size());
            for (Partition p : partitions) {
                Path file = results.resolve(p.fileName());
                if (!Files.isRegularFile(file)) {
                    throw new ScreeningException("partition " + p.index() + " [" + p.from() + ", " + p.to() + ") has no result " + file);
                }
                List<Map<String, String>> part = Csv.read(file);
                for (int i = 0; i < p.size(); i++) {
                    String id = entries.get((int) (p.from() + i)).id();
                    if (i >= part.size() || !id.equals(part.get(i).get("id"))) {
                        throw new ScreeningException(file + ": row " + (i + 1) + " should be candidate " + id + "; delete the file to redo "
                                + "the partition");
                    }
                    rows.add(PREDICTION_HEADER.stream().map(part.get(i)::get).toList());
                }
            }
            Csv.write(stageFile("predictions.csv"), PREDICTION_HEADER, rows);
            // the failures are in the predictions' messages; files of an earlier local run must not add others
            Csv.write(stageFile("generate-failed.csv"), FAILED_HEADER, List.of());
            Csv.write(stageFile("featurize-failed.csv"), FAILED_HEADER, List.of());
        }

        /**
         * One partition's work (in a worker): the candidates of this run's {@code stages/candidates.csv} generated,
         * featurized and predicted, and one row per candidate written to {@code result}: its predictions, or the
         * reason it failed at whichever stage.
         */
        void predictPartition(Path result) throws IOException, ScreeningException {
            prepare();
            streaming = streams(options);
            generate();
            featurize();
            predictCandidates(false);
            Map<String, String> failed = failedIds(List.of("generate-failed.csv", "featurize-failed.csv"));
            Map<String, Map<String, String>> predicted = new LinkedHashMap<>();
            for (Map<String, String> row : Csv.read(stageFile("predictions.csv"))) {
                predicted.put(row.get("id"), row);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Entry e : entries()) {
                Map<String, String> p = predicted.get(e.id());
                if (p == null) {
                    rows.add(List.of(e.id(), "", "", "", "", failed.getOrDefault(e.id(), "not predicted")));
                } else {
                    rows.add(PREDICTION_HEADER.stream().map(p::get).toList());
                }
            }
            Csv.write(result, PREDICTION_HEADER, rows); // whole or not at all
        }

        /**
         * Predicts the undoped parent (the design space's host formula, generated the same way as the candidates) with
         * the same models, for Delta Eb and the calibration: {@code stages/parent.json}, with an {@code error} instead
         * of values when it cannot be made.
         */
        void predictParent(ModelEnsemble eb, ModelEnsemble ehull) throws IOException, ScreeningException {
            String formula = designSpace.getHostFormula();
            Map<String, Object> parent = new LinkedHashMap<>();
            parent.put("formula", formula);
            try {
                Path cif = parentCif(recipeOf("eb"), formula);
                parent.put("structure", report.relativize(cif).toString().replace('\\', '/'));
                double[][] ebValues = eb.predict(graphsOf(List.of(cif), eb.featurizer()));
                parent.put("ebEv", ebValues[0][0]);
                parent.put("ebStdEv", ebValues[1][0]);
                if (ehull != null) {
                    Path ehullCif = recipeOf("ehull").equals(recipeOf("eb")) ? cif : parentCif(recipeOf("ehull"), formula);
                    double[][] ehullValues = ehull.predict(graphsOf(List.of(ehullCif), ehull.featurizer()));
                    parent.put("ehullMevAtom", ehullValues[0][0]);
                    parent.put("ehullStdMevAtom", ehullValues[1][0]);
                }
                listener.message(String.format(Locale.ROOT, "predict: parent %s Eb %.3f eV", formula, ebValues[0][0]));
            } catch (DesignException | NasiconException | StructureException | ScreeningException e) {
                parent.put("error", describe(e));
                listener.message("parent " + formula + ": " + describe(e) + " (no Delta Eb)");
            }
            ReportFiles.JSON.writeValue(stageFile(PARENT).toFile(), parent);
        }

        /** The parent's structure made with {@code recipe}, written next to that recipe's candidates. */
        Path parentCif(StructureRecipe recipe, String formula) throws IOException, ScreeningException, DesignException, NasiconException,
                StructureException {
            String text = builder(recipe).parentCif(formula, options.seed());
            Path cif = Files.createDirectories(structureFolder(recipe)).resolve("parent_" + formula + ".cif");
            Files.writeString(cif, text, StandardCharsets.UTF_8);
            return cif;
        }

        /**
         * Deletes the graph cache of the report (about 2 MB per 600-site candidate and recipe): the structures stay, and
         * a stage that needs graphs again rebuilds them through the cache.
         */
        void deleteGraphs() throws IOException {
            deleteRecursively(report.resolve(ReportFiles.GRAPHS));
        }

        Path stageFile(String name) {
            return report.resolve(StageMarkers.FOLDER).resolve(name);
        }

        /** The batch's graphs, from the graph cache; a refused one fails the batch. */
        List<CrystalGraph> graphs(List<Entry> batch, Featurizer featurizer, StructureRecipe recipe) throws ScreeningException {
            List<Path> files = new ArrayList<>(batch.size());
            for (Entry e : batch) {
                files.add(structure(e, recipe));
            }
            return graphsOf(files, featurizer);
        }

        /** The graphs of these structure files, from the graph cache; a refused one fails them all. */
        List<CrystalGraph> graphsOf(List<Path> files, Featurizer featurizer) throws ScreeningException {
            GraphSet set = featurize(files, featurizer);
            if (!set.refused().isEmpty()) {
                throw new ScreeningException("featurization: " + set.refused().get(0).reason());
            }
            return set.graphs();
        }

        /** Candidates' failures said so far in this run (each is in the stage's failure file and candidates.csv). */
        private final java.util.concurrent.atomic.AtomicInteger failuresSaid = new java.util.concurrent.atomic.AtomicInteger();

        /**
         * Says why a candidate failed: the first {@value #SAID_FAILURES} of a run, then once that the others are only in the
         * files. Screening every combination fails 99,290 of them, which would be as many lines.
         */
        void sayFailure(Entry e, String why) {
            int said = failuresSaid.incrementAndGet();
            if (said <= SAID_FAILURES) {
                listener.message(e.id() + " " + e.formula() + ": " + why);
            } else if (said == SAID_FAILURES + 1) {
                listener.message("further failed candidates are not listed here: each is in stages/*-failed.csv and in candidates.csv "
                        + "with its reason, and the report groups them by kind");
            }
        }

        /** The structures and graphs of the streaming predict stage ({@link #streaming}); null before it. */
        Made made;

        /**
         * Structures and graphs made in memory, candidate by candidate, on the predict stage's threads: the same CIF text
         * the generate stage would write (the recipe's builder, seed + rank) read and featurized as the training service
         * reads and featurizes a file ({@link TrainingService#featurize(String, String, Featurizer)}), so the graphs are
         * those of the file path. Failures are kept as the generate and featurize stages record them.
         */
        final class Made {
            /** Per thread a builder per recipe: a builder caches its supercells and is not thread-safe. */
            private final ThreadLocal<Map<StructureRecipe, StructureRecipes.Builder>> builders = ThreadLocal.withInitial(HashMap::new);
            private final Map<String, String> generateFailed = new java.util.concurrent.ConcurrentHashMap<>();
            private final Map<String, String> featurizeFailed = new java.util.concurrent.ConcurrentHashMap<>();

            /** The graph of {@code e}'s structure of {@code recipe}, or null when it cannot be made (recorded, and said). */
            CrystalGraph graph(Entry e, StructureRecipe recipe, Featurizer featurizer) throws ScreeningException {
                String cif;
                try {
                    cif = builder(recipe).cif(e, options.seed() + e.enumerationRank());
                } catch (DesignException | NasiconException | RuntimeException x) {
                    // as the generate stage: an unbuildable candidate (too much Na for the sites, ...) is a failed candidate
                    String why = generationFailure(recipe, x);
                    if (generateFailed.putIfAbsent(e.id(), why) == null) {
                        sayFailure(e, why);
                    }
                    return null;
                }
                try {
                    return runTraining.featurize(structureName(e), cif, featurizer);
                } catch (FeaturizationException x) {
                    String why = "featurization (" + featurizer.name() + "): " + x.getMessage();
                    if (featurizeFailed.putIfAbsent(e.id(), why) == null) {
                        sayFailure(e, why);
                    }
                    return null;
                }
            }

            private StructureRecipes.Builder builder(StructureRecipe recipe) throws ScreeningException {
                Map<StructureRecipe, StructureRecipes.Builder> mine = builders.get();
                StructureRecipes.Builder builder = mine.get(recipe);
                if (builder == null) {
                    builder = Run.this.builder(recipe);
                    mine.put(recipe, builder);
                }
                return builder;
            }

            boolean failed(String id) {
                return generateFailed.containsKey(id) || featurizeFailed.containsKey(id);
            }

            /** The failures as generate-failed.csv and featurize-failed.csv, in candidate order. */
            void write(List<Entry> entries) throws IOException {
                Path stages = report.resolve(StageMarkers.FOLDER);
                Csv.write(stages.resolve("generate-failed.csv"), FAILED_HEADER, rows(entries, generateFailed));
                Csv.write(stages.resolve("featurize-failed.csv"), FAILED_HEADER, rows(entries, featurizeFailed));
            }

            private List<List<String>> rows(List<Entry> entries, Map<String, String> failures) {
                return entries.stream().filter(e -> failures.containsKey(e.id())).map(e -> List.of(e.id(), failures.get(e.id()))).toList();
            }
        }

        /** Whether two ensembles read graphs of the same featurizer and version. */
        boolean sameFeaturizer(ModelEnsemble a, ModelEnsemble b) {
            return a.featurizer().name().equals(b.featurizer().name()) && a.featurizer().version().equals(b.featurizer().version());
        }

        // ---- rank ---------------------------------------------------------------------------------------------------

        void rank() throws IOException, ScreeningException {
            Map<String, String> failed = failedIds(List.of("generate-failed.csv", "featurize-failed.csv"));
            Map<String, Map<String, String>> predictions = new LinkedHashMap<>();
            for (Map<String, String> row : Csv.read(report.resolve(StageMarkers.FOLDER).resolve("predictions.csv"))) {
                predictions.put(row.get("id"), row);
            }
            List<Candidate> candidates = new ArrayList<>();
            for (Entry e : entries()) {
                Map<String, String> p = predictions.get(e.id());
                String why = failed.getOrDefault(e.id(), p == null ? "not predicted" : p.get("message"));
                boolean generated = Files.isRegularFile(cif(e));
                String structure = generated ? ReportFiles.STRUCTURES + "/" + structureName(e) : "";
                candidates.add(new Candidate(0, e.id(), e.formula(), e.siteFractions(), e.na(), e.cluster(),
                        parse(p, "eb_ev"), parse(p, "eb_std_ev"), Double.NaN, parse(p, "ehull_mev_atom"), parse(p, "ehull_std_mev_atom"), Double.NaN,
                        false, false, Double.NaN, structure, why == null ? "" : why));
            }
            Map<String, Object> parent = ReportFiles.readJson(stageFile(PARENT));
            double parentEb = parent.get("ebEv") instanceof Number n ? n.doubleValue() : Double.NaN;
            List<Candidate> ranked = Ranking.rank(candidates, options, parentEb, referenceEb(String.valueOf(parent.get("formula")), parentEb,
                    candidates));
            if (streaming) {
                // the structures the report will keep (made before the report, keepReportedStructures), so that candidates.csv
                // is written once unless validation keeps more
                Map<String, Entry> byId = entriesById();
                ranked = ranked.stream().map(c -> c.ok() && (c.shortlist() || c.pareto()) ? c.withStructure(reportedStructure(byId.get(c.id())))
                        : c).toList();
            }
            ReportFiles.writeCandidates(report.resolve(ReportFiles.CANDIDATES), ranked);
            ReportFiles.writeCandidates(report.resolve(ReportFiles.SHORTLIST), ranked.stream().filter(Candidate::shortlist).toList());
            long ok = ranked.stream().filter(Candidate::ok).count();
            listener.message(String.format(Locale.ROOT, "rank: %d ranked, %d failed, %d on the Pareto front, %d shortlisted", ok,
                    ranked.size() - ok, ranked.stream().filter(Candidate::pareto).count(),
                    ranked.stream().filter(Candidate::shortlist).count()));
        }

        /**
         * The predicted barrier of the calibration's reference composition: the parent's, or that of the screened
         * candidate of the same composition; NaN without a calibration.
         */
        double referenceEb(String parentFormula, double parentEb, List<Candidate> candidates) throws ScreeningException {
            if (options.calibration() == null) {
                return Double.NaN;
            }
            String reference = options.calibration().composition();
            try {
                Composition wanted = Composition.parse(reference);
                if (Composition.parse(parentFormula).almostEquals(wanted, 1e-3)) {
                    if (Double.isNaN(parentEb)) {
                        throw new ScreeningException("calibration: the parent " + parentFormula + " has no predicted barrier (see "
                                + stageFile(PARENT) + ")");
                    }
                    return parentEb;
                }
                for (Candidate c : candidates) {
                    if (c.ok() && Composition.parse(c.formula()).almostEquals(wanted, 1e-3)) {
                        return c.ebEv();
                    }
                }
            } catch (StructureException e) {
                throw new ScreeningException("calibration: " + e.getMessage(), e);
            }
            throw new ScreeningException("calibration: the reference " + reference + " is neither the parent " + parentFormula
                    + " nor a screened candidate; calibrate with a composition the run predicts");
        }

        // ---- validate -----------------------------------------------------------------------------------------------

        /**
         * The ranking's skill against the oracle: BVSE Ea3D of {@code validate} screened candidates the barrier models
         * never saw (not in the training or pre-training labels of the model or its baseline), compared with the
         * model, the baseline model, a composition-only forest trained on the model's own labels, and random ranking.
         */
        void validate() throws IOException, ScreeningException {
            Files.deleteIfExists(stageFile(SKILL));
            if (options.validate() == 0) {
                return;
            }
            List<Candidate> ranked = ReportFiles.readCandidates(report.resolve(ReportFiles.CANDIDATES));
            Map<String, Double> ebLabels = OracleValidation.labels(options.ebModel());
            Set<String> seen = new java.util.HashSet<>(ebLabels.keySet());
            for (Path folder : trainingFolders()) {
                seen.addAll(OracleValidation.labels(folder).keySet());
            }
            List<Candidate> chosen = OracleValidation.heldOut(ranked, seen, options.validate(), options.seed());
            BvseOptions bvseOptions = BvseOptions.builder().optMobileIon(designSpace.getMobileIon(), designSpace.getMobileIonOxidationState())
                    .optResolution(options.oracleResolution()).optThreads(1).build();
            listener.message(String.format(Locale.ROOT, "validate: %d held-out candidates of %d screened (%d in the models' labels) to label "
                    + "with the oracle at %s A", chosen.size(), ranked.size(), seen.size(), options.oracleResolution()));
            OracleLabels oracleLabels = labelWithOracle(chosen, bvseOptions);
            List<Candidate> labelled = chosen.stream().filter(c -> oracleLabels.values().containsKey(c.id())).toList();
            if (labelled.size() < 2) {
                throw new ScreeningException("validate: the oracle labelled " + labelled.size() + " of " + chosen.size()
                        + " held-out candidates; skill needs at least 2 (refused: " + oracleLabels.refused() + ")");
            }
            double[] y = labelled.stream().mapToDouble(c -> oracleLabels.values().get(c.id())).toArray();
            Map<String, String> unmeasured = new LinkedHashMap<>();
            List<Predictor> predictors = predictors(labelled, ebLabels, unmeasured);
            Map<String, Skill.Scores> scores = new LinkedHashMap<>();
            predictors.forEach(p -> scores.put(p.name(), Skill.of(p.values(), y, options.top())));
            Map<String, Object> skill = skillSection(chosen, labelled, y, predictors, scores, oracleLabels, bvseOptions, seen.size(), unmeasured);
            ReportFiles.JSON.writeValue(stageFile(SKILL).toFile(), skill);
            Skill.Scores main = scores.get(predictors.get(0).name());
            listener.message(String.format(Locale.ROOT, "validate: %d labelled, %d refused; %s Spearman %.2f, top-%d recall %.2f, MAE %.3f eV",
                    labelled.size(), oracleLabels.refused().size(), predictors.get(0).name(), main.spearman(),
                    Math.min(options.top(), labelled.size()), main.topRecall(), main.mae()));
        }

        /**
         * The oracle's barriers (id to Ea3D, eV: the mean over the candidate's decorations), each decoration's barrier
         * (id to values), refusals (id to reason) of one validation, and its wall-clock time.
         */
        record OracleLabels(Map<String, Double> values, Map<String, double[]> decorations, Map<String, String> refused, double seconds) {
        }

        /**
         * BVSE Ea3D of {@code chosen} on all threads, each the mean over {@code options.oracleDecorations()} structures:
         * the candidate's own, then decorations made with seeds seed + rank + k x {@link ScreeningOptions#ORACLE_SEED_STRIDE}
         * (written to {@code stages/oracle/} while labelled). A decoration without a 3-D path below the ceiling, or one
         * that cannot be read, is left out of the mean; a candidate none of whose decorations gives a barrier is refused
         * with the first reason. Bugs fail the stage.
         */
        OracleLabels labelWithOracle(List<Candidate> chosen, BvseOptions bvseOptions) throws IOException, ScreeningException {
            Map<String, Double> truth = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, double[]> decorations = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
            int count = options.oracleDecorations();
            ProgressMeter meter = new ProgressMeter(listener, "validate", chosen.size(), 0);
            Map<String, Entry> byId = entriesById();
            Path scratch = Files.createDirectories(stageFile("oracle"));
            ThreadLocal<StructureRecipes.Builder> builders = new ThreadLocal<>();
            long start = System.nanoTime();
            parallel(chosen, c -> {
                Entry e = byId.get(c.id());
                List<Double> barriers = new ArrayList<>();
                String firstReason = null;
                for (int k = 0; k < count; k++) {
                    Path file = k == 0 ? structure(e, runRecipe) : oracleDecoration(e, k, scratch, builders); // a rerun may have deleted k = 0
                    try {
                        StructureIons ions = StructureIons.of(StructureReader.readFile(runReaders, file).structure());
                        BvseResult result = oracle.compute(ions.lattice(), ions.sites(), bvseOptions);
                        if (result.ea3D() != null) {
                            barriers.add(result.ea3D());
                        } else if (firstReason == null) {
                            firstReason = "no 3-D path below " + bvseOptions.maxBarrierEv() + " eV";
                        }
                    } catch (StructureFormatException | StructureException | BvseException x) {
                        firstReason = firstReason == null ? describe(x) : firstReason;
                    } finally {
                        if (k > 0) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
                if (barriers.isEmpty()) {
                    refused.put(c.id(), firstReason);
                } else {
                    double[] values = barriers.stream().mapToDouble(Double::doubleValue).toArray();
                    decorations.put(c.id(), values);
                    truth.put(c.id(), Metrics.meanStd(values)[0]);
                }
                meter.worked();
            });
            Files.deleteIfExists(scratch);
            return new OracleLabels(truth, decorations, refused, (System.nanoTime() - start) / 1e9);
        }

        /** Decoration {@code k} (at least 1) of the candidate with the run's recipe, as a CIF in {@code folder}. */
        Path oracleDecoration(Entry e, int k, Path folder, ThreadLocal<StructureRecipes.Builder> builders) throws IOException, ScreeningException {
            try {
                StructureRecipes.Builder builder = builders.get();
                if (builder == null) {
                    builder = builder(distinctRecipes().get(0)); // the run's own recipe comes first
                    builders.set(builder);
                }
                Path file = folder.resolve(e.id() + "_decoration" + k + ".cif");
                writeAtomically(file, builder.cif(e, StructureRecipe.decorationSeed(options.seed(), e.enumerationRank(), k)));
                return file;
            } catch (DesignException | NasiconException | StructureException x) {
                throw new ScreeningException(e.id() + " " + e.formula() + ": cannot make oracle decoration " + k + ": " + describe(x), x);
            }
        }

        /** One ranking scored against the oracle: its predicted barriers of the labelled candidates, in their order. */
        record Predictor(String name, double[] values, String description) {
        }

        /**
         * The Eb model (first), the baseline model and the composition forest on the labelled candidates; a predictor that
         * cannot be measured is named in {@code unmeasured} with the reason instead.
         */
        List<Predictor> predictors(List<Candidate> labelled, Map<String, Double> ebLabels, Map<String, String> unmeasured)
                throws IOException, ScreeningException {
            List<Predictor> predictors = new ArrayList<>();
            String ebName = ModelEnsemble.describe(options.ebModel()).model();
            predictors.add(new Predictor(ebName, labelled.stream().mapToDouble(Candidate::ebEv).toArray(),
                    "the barrier model (" + options.ebModel() + "), ensemble mean"));
            if (options.ebBaseline() != null) {
                try (ModelEnsemble baseline = ModelEnsemble.load(options.ebBaseline(), runTraining)) {
                    String name = baseline.descriptor().model().equals(ebName) ? ebName + "-baseline" : baseline.descriptor().model();
                    Map<String, Entry> byId = entriesById();
                    List<Path> files = new ArrayList<>(labelled.size());
                    for (Candidate c : labelled) {
                        files.add(structure(byId.get(c.id()), recipeOf("eb-baseline")));
                    }
                    predictors.add(new Predictor(name, baseline.predict(graphsOf(files, baseline.featurizer()))[0],
                            "the baseline barrier model (" + options.ebBaseline() + "), ensemble mean"));
                }
            }
            Map<Long, FunnelResult.Survivor> everyCombination = new java.util.HashMap<>();
            for (FunnelResult.Survivor s : runFunnel(DesignSpaceResources.unfilteredCopy(designSpace)).survivors()) {
                everyCombination.put(s.rank(), s);
            }
            List<OracleValidation.CompositionRow> rows = OracleValidation.compositionRows(ebLabels, everyCombination);
            RandomForest forest = OracleValidation.compositionForest(rows, options.seed());
            if (forest == null) {
                unmeasured.put("composition", "not measured: the barrier model's labels hold " + rows.size()
                        + " design-space structures (c<rank>_<formula>), fewer than 5");
                return predictors;
            }
            double[] p = new double[labelled.size()];
            for (int i = 0; i < p.length; i++) {
                // screened ids are c<enumeration rank>, like the labels'
                p[i] = forest.predict(OracleValidation.features(everyCombination.get(Long.parseLong(labelled.get(i).id().substring(1)))));
            }
            predictors.add(new Predictor("composition", p, "random forest (200 trees) on the substituted site's composition descriptors "
                    + "and the Na content, trained on the barrier model's " + rows.size() + " design-space labels"));
            return predictors;
        }

        /** The skill section as stages/skill.json holds it (summary.json drops its per-candidate rows). */
        Map<String, Object> skillSection(List<Candidate> chosen, List<Candidate> labelled, double[] y, List<Predictor> predictors,
                Map<String, Skill.Scores> scores, OracleLabels oracleLabels, BvseOptions bvseOptions, int seen, Map<String, String> unmeasured) {
            Map<String, Object> models = new LinkedHashMap<>();
            predictors.forEach(p -> models.put(p.name(), OracleValidation.scores(scores.get(p.name()), p.description())));
            models.put("random", OracleValidation.scores(Skill.random(y, options.top(), OracleValidation.RANDOM_DRAWS, options.seed()),
                    "random ranking: the mean over " + OracleValidation.RANDOM_DRAWS + " random orders of the oracle's values"));
            Map<String, Object> skill = new LinkedHashMap<>();
            skill.put("oracle", "BVSE Ea3D (" + BvseResult.CONVENTION + "; parameters " + oracle.parameterTable() + "; "
                    + bvseOptions.describe() + ")" + (options.oracleDecorations() == 1 ? " of each candidate's structure"
                            : ", the mean over " + options.oracleDecorations() + " decorations of each candidate (its structure and seeds "
                                    + "seed + rank + k x " + ScreeningOptions.ORACLE_SEED_STRIDE + ")"));
            skill.put("oracleDecorations", options.oracleDecorations());
            oracleNoise(oracleLabels, labelled, y).forEach(skill::put);
            skill.put("n", labelled.size());
            skill.put("asked", options.validate());
            skill.put("top", Math.min(options.top(), labelled.size()));
            skill.put("heldOut", "drawn at random (seed " + options.seed() + ") among the ok candidates not in the " + seen
                    + " training or pre-training labels of the barrier models");
            skill.put("oracleRangeEv", List.of(java.util.Arrays.stream(y).min().orElse(Double.NaN), java.util.Arrays.stream(y).max().orElse(Double.NaN)));
            skill.put("models", models);
            // wall-clock time of the oracle on this machine, all threads of the run (what a surrogate must beat)
            skill.put("oracleWallSeconds", oracleLabels.seconds());
            skill.put("oracleSecondsPerCandidate", oracleLabels.seconds() / chosen.size());
            skill.put("oracleThreads", runThreads);
            unmeasured.forEach(skill::put);
            List<Map<String, Object>> rowsOut = new ArrayList<>();
            for (int i = 0; i < labelled.size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", labelled.get(i).id());
                row.put("formula", labelled.get(i).formula());
                row.put("rank", labelled.get(i).rank());
                row.put("oracleEbEv", y[i]);
                if (options.oracleDecorations() > 1) {
                    row.put("oracleDecorationsEbEv", oracleLabels.decorations().get(labelled.get(i).id()));
                }
                Map<String, Object> predicted = new LinkedHashMap<>();
                for (Predictor p : predictors) {
                    predicted.put(p.name(), p.values()[i]);
                }
                row.put("predictedEbEv", predicted);
                rowsOut.add(row);
            }
            skill.put("candidates", rowsOut);
            List<Map<String, Object>> refusedOut = new ArrayList<>();
            for (Candidate c : chosen) {
                if (oracleLabels.refused().containsKey(c.id())) {
                    refusedOut.add(Map.of("id", c.id(), "formula", c.formula(), "message", oracleLabels.refused().get(c.id())));
                }
            }
            skill.put("refused", refusedOut);
            return skill;
        }

        /**
         * How noisy the oracle is: the spread of its labels between the candidates ({@code oracleSpreadEv}), and with
         * several decorations, the mean standard deviation between one candidate's decorations
         * ({@code oracleDecorationStdEv}) and the standard error of a label ({@code oracleLabelErrorEv}). A ranking
         * cannot agree with an oracle better than the oracle agrees with itself.
         */
        Map<String, Object> oracleNoise(OracleLabels labels, List<Candidate> labelled, double[] y) {
            Map<String, Object> noise = new LinkedHashMap<>();
            noise.put("oracleSpreadEv", Metrics.meanStd(y)[1]);
            if (options.oracleDecorations() > 1) {
                double within = 0;
                double error = 0;
                int n = 0;
                for (Candidate c : labelled) {
                    double[] values = labels.decorations().get(c.id());
                    if (values.length > 1) {
                        double std = Metrics.meanStd(values)[1];
                        within += std;
                        error += std / Math.sqrt(values.length);
                        n++;
                    }
                }
                noise.put("oracleDecorationStdEv", n == 0 ? Double.NaN : within / n);
                noise.put("oracleLabelErrorEv", n == 0 ? Double.NaN : error / n);
            }
            return noise;
        }

        /** Model folders whose labels the barrier models have seen, besides the model's own: the baseline and the pre-trained parents. */
        List<Path> trainingFolders() throws ScreeningException {
            List<Path> folders = new ArrayList<>();
            for (Path folder : new Path[] {options.ebModel(), options.ebBaseline()}) {
                if (folder == null) {
                    continue;
                }
                if (!folder.equals(options.ebModel())) {
                    folders.add(folder);
                }
                Path parent = ModelEnsemble.parentFolder(folder);
                if (parent != null && Files.isDirectory(parent)) {
                    folders.add(parent);
                }
            }
            return folders;
        }

        double parse(Map<String, String> row, String column) {
            if (row == null || row.get(column) == null || row.get(column).isEmpty()) {
                return Double.NaN;
            }
            return Double.parseDouble(row.get(column));
        }

        DesignSpace loadValid(Path file) throws IOException, ScreeningException {
            if (!Files.isRegularFile(file)) {
                throw new ScreeningException("no design space file " + file);
            }
            DesignSpace space = DesignSpaceResources.loadDesignSpace(file);
            Diagnostic diagnostic = DesignSpaceResources.validate(space);
            if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
                StringBuilder problems = new StringBuilder();
                for (Diagnostic child : diagnostic.getChildren()) {
                    if (child.getSeverity() >= Diagnostic.ERROR) {
                        problems.append("\n  ").append(child.getMessage());
                    }
                }
                throw new ScreeningException(file + " is invalid:" + problems);
            }
            return space;
        }
    }

    @FunctionalInterface
    interface ItemWork<T> {
        void run(T item) throws IOException, ScreeningException;
    }

    /** Threads of the generate and featurize stages: the cores, at most 8. */
    static int threads() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    @FunctionalInterface
    interface StageWork {
        void run() throws IOException, ScreeningException;
    }

    static final List<String> ENTRY_HEADER = List.of("id", "enumeration_rank", "formula", "dopant_elements", "dopants", "na_per_formula",
            "cluster");
    /** Structures featurized at once (their graphs are held in memory until cached). */
    static final int FEATURIZE_CHUNK = 32;
    /** Failed candidates a run lists on the listener, one line each ({@code Run#sayFailure}). */
    static final int SAID_FAILURES = 20;
    static final List<String> FAILED_HEADER = List.of("id", "message");
    /** The parent's predictions (predict stage). */
    static final String PARENT = "parent.json";
    /** The skill section (validate stage). */
    static final String SKILL = "skill.json";
    /** The recipe each model's structures were made with (generate stage). */
    static final String RECIPES = "recipes.json";
    static final List<String> PREDICTION_HEADER = List.of("id", "eb_ev", "eb_std_ev", "ehull_mev_atom", "ehull_std_mev_atom", "message");

    /** The NASICON hosts the shipped models were trained on, shipped with the examples (examples/hosts/README.md). */
    static final Path SHIPPED_HOSTS = Path.of("examples", "hosts");

    /** Whether a run with these options makes its models' structures and graphs in memory ({@code Run#streaming}). */
    static boolean streams(ScreeningOptions options) {
        return !options.keepGraphs() && !options.keepStructures();
    }

    static String structureName(Entry e) {
        return e.id() + "_" + e.formula() + ".cif";
    }

    static String format(double fraction) {
        String s = String.format(Locale.ROOT, "%.4f", fraction);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String num(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 over the model.json files of a model folder (its members), so retrained models invalidate predictions. */
    static String modelDigest(Path folder) throws ScreeningException {
        StringBuilder all = new StringBuilder();
        for (Path member : ModelEnsemble.memberFolders(folder)) {
            try {
                all.append(digest(Files.readAllBytes(member.resolve("model.json"))));
            } catch (IOException e) {
                throw new ScreeningException("cannot read " + member.resolve("model.json") + " (" + e.getMessage() + ")", e);
            }
        }
        return digest(all.toString().getBytes(StandardCharsets.UTF_8));
    }

}

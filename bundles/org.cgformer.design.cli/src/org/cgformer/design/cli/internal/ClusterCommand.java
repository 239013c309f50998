package org.cgformer.design.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.AgglomerativeClustering;
import org.cgformer.design.api.CompositionDescriptors;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.model.Candidate;
import org.cgformer.design.model.Cluster;
import org.cgformer.design.model.Clustering;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.Linkage;
import org.cgformer.design.model.resource.DesignSpaceResources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer design cluster FILE [--groups 20] [--linkage ward]}. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Cluster the funnel's survivors hierarchically on standardised composition descriptors",
                "(mean and spread of ionic radius, electronegativity, oxidation state, mass) and cut into groups.",
                "Replaces an earlier clustering and its sample in the results file."})
public class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--groups", defaultValue = "20", description = "Number of groups (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--linkage", defaultValue = "ward", completionCandidates = LinkageNames.class,
            description = "ward or average (default: ${DEFAULT-VALUE}).")
    String linkageName;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Linkage linkage = Linkage.get(linkageName.toLowerCase(java.util.Locale.ROOT));
        if (linkage == null) {
            throw new DesignException("unknown linkage '" + linkageName + "' (ward or average)");
        }
        Path resultsFile = DesignFiles.resultsFile(file, resultsOption);
        DesignResults results = DesignFiles.loadCurrentResults(file, resultsFile);
        List<Candidate> candidates = results.getCandidates();
        if (groups < 1 || groups > candidates.size()) {
            throw new DesignException("--groups " + groups + " must be between 1 and the number of candidates (" + candidates.size() + ")");
        }
        long start = System.nanoTime();
        int[] labels = AgglomerativeClustering.cluster(CompositionDescriptors.standardize(descriptors(candidates)), linkage).cut(groups);
        double seconds = (System.nanoTime() - start) / 1e9;
        results.setClustering(clustering(candidates, labels, linkage));
        if (results.getSampling() != null) {
            out.println("removing the earlier sample (it was drawn from the previous clusters)");
            results.setSampling(null);
        }
        DesignSpaceResources.save(results, resultsFile);
        printSizes(out, results.getClustering(), candidates.size(), seconds);
        out.println("results: " + resultsFile);
        return CommandLineRunner.OK;
    }

    private static double[][] descriptors(List<Candidate> candidates) {
        double[][] rows = new double[candidates.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = candidates.get(i).getDescriptors().stream().mapToDouble(Double::doubleValue).toArray();
        }
        return rows;
    }

    private static Clustering clustering(List<Candidate> candidates, int[] labels, Linkage linkage) {
        DesignSpaceFactory factory = DesignSpaceFactory.eINSTANCE;
        Clustering clustering = factory.createClustering();
        clustering.setLinkage(linkage);
        clustering.getDescriptorNames().addAll(CompositionDescriptors.NAMES);
        int groupCount = java.util.Arrays.stream(labels).max().orElse(-1) + 1;
        for (int group = 0; group < groupCount; group++) {
            Cluster cluster = factory.createCluster();
            cluster.setNumber(group + 1);
            clustering.getClusters().add(cluster);
        }
        for (int i = 0; i < labels.length; i++) {
            clustering.getClusters().get(labels[i]).getMembers().add(candidates.get(i));
        }
        return clustering;
    }

    private static void printSizes(PrintWriter out, Clustering clustering, int candidates, double seconds) {
        out.printf("%d candidates in %d groups (%s linkage, %.3f s); group sizes:%n", candidates,
                clustering.getClusters().size(), clustering.getLinkage().getLiteral(), seconds);
        StringBuilder sizes = new StringBuilder();
        for (Cluster cluster : clustering.getClusters()) {
            sizes.append(sizes.isEmpty() ? "" : " ").append(cluster.getMembers().size());
        }
        out.println("  " + sizes);
    }

    /** For shell completion and help. */
    static final class LinkageNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Linkage.VALUES.stream().map(Linkage::getLiteral).iterator();
        }
    }
}

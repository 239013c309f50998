package org.cgformer.design.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.StratifiedSampling;
import org.cgformer.design.model.Candidate;
import org.cgformer.design.model.Cluster;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.Sampling;
import org.cgformer.design.model.resource.DesignSpaceResources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer design sample FILE [--fraction 0.3] [--seed 1]}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw a stratified sample: round(fraction x size) candidates from every group, at least one.",
                "The same clusters, fraction and seed always give the same sample."})
public class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--fraction", defaultValue = "0.3", description = "Share of each group, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    @Override
    public Integer call() throws Exception {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new DesignException("--fraction " + fraction + " is not in (0, 1]");
        }
        Path resultsFile = DesignFiles.resultsFile(file, resultsOption);
        DesignResults results = DesignFiles.loadCurrentResults(file, resultsFile);
        if (results.getClustering() == null) {
            throw new DesignException("no clusters in " + resultsFile + ": run 'cgformer design cluster " + file + "' first");
        }
        List<Candidate> candidates = results.getCandidates();
        int[] chosen = StratifiedSampling.sample(groups(results, candidates), fraction, seed);
        Sampling sampling = DesignSpaceFactory.eINSTANCE.createSampling();
        sampling.setFraction(fraction);
        sampling.setSeed(seed);
        for (int index : chosen) {
            sampling.getSamples().add(candidates.get(index));
        }
        results.setSampling(sampling);
        DesignSpaceResources.save(results, resultsFile);
        print(spec.commandLine().getOut(), results, chosen.length);
        spec.commandLine().getOut().println("results: " + resultsFile);
        return CommandLineRunner.OK;
    }

    private static int[] groups(DesignResults results, List<Candidate> candidates) {
        int[] groups = new int[candidates.size()];
        List<Cluster> clusters = results.getClustering().getClusters();
        for (int group = 0; group < clusters.size(); group++) {
            for (Candidate member : clusters.get(group).getMembers()) {
                groups[candidates.indexOf(member)] = group;
            }
        }
        return groups;
    }

    private void print(PrintWriter out, DesignResults results, int total) {
        StringBuilder perGroup = new StringBuilder();
        for (Cluster cluster : results.getClustering().getClusters()) {
            int size = cluster.getMembers().size();
            perGroup.append(perGroup.isEmpty() ? "" : " ").append(StratifiedSampling.quota(size, fraction)).append('/').append(size);
        }
        out.printf("sampled %d of %d candidates (fraction %s per group, seed %d); per group: %s%n", total,
                results.getCandidates().size(), fraction, seed, perGroup);
    }
}

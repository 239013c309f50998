package org.cgformer.design.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.model.Candidate;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.eclipse.emf.common.util.BasicMonitor;

/**
 * The candidates a structure command works on, from its {@code --candidates all|sampled|random:N}: the funnel's
 * survivors, the sample of {@code design sample}, or N combinations drawn at random from every combination with the
 * rules off (the broad, mostly unphysical set the article pre-trained its barrier model on).
 */
final class DesignTargets {

    /** One structure to make: a funnel candidate or a drawn combination; {@code rank} seeds its decorations. */
    record Target(String id, String formula, List<String> dopants, double mobileIonContent, long rank) {

        /** Its id in a dataset: {@code <id>_<formula>}, the stem of its structure's file name. */
        String datasetId() {
            return id + "_" + formula;
        }

        /** The file name of its structure: {@code <id>_<formula>.cif}. */
        String fileName() {
            return datasetId() + ".cif";
        }
    }

    /**
     * The targets in the order to try and how many to make: for {@code random:N} every combination in a seeded random
     * order, of which the caller makes the first N that can be built (so failures do not shrink the set).
     */
    record Choice(List<Target> targets, int wanted) {
    }

    private DesignTargets() {
    }

    static Choice choose(String which, Path designFile, Path resultsOption, DesignSpace designSpace, DesignWorkflow workflow, long seed)
            throws java.io.IOException, DesignException {
        Integer drawn = randomCount(which);
        if (drawn != null) {
            return new Choice(drawAll(designSpace, workflow, seed), drawn);
        }
        List<Target> targets = chosen(which, designFile, DesignFiles.loadCurrentResults(designFile, DesignFiles.resultsFile(designFile,
                resultsOption)));
        return new Choice(targets, targets.size());
    }

    /** N of {@code random:N}, or null for the other choices. */
    private static Integer randomCount(String which) throws DesignException {
        if (!which.startsWith("random:")) {
            return null;
        }
        try {
            int count = Integer.parseInt(which.substring("random:".length()));
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DesignException("--candidates '" + which + "': expected random:N with N a positive whole number");
    }

    /** Every combination in a seeded random order (rules off on a copy of the design space). */
    private static List<Target> drawAll(DesignSpace designSpace, DesignWorkflow workflow, long seed) throws DesignException {
        if (workflow == null) {
            throw new DesignException("the design workflow service is not available");
        }
        DesignSpace unfiltered = DesignSpaceResources.unfilteredCopy(designSpace);
        List<Target> all = new ArrayList<>();
        for (FunnelResult.Survivor s : workflow.funnel(unfiltered, new BasicMonitor()).survivors()) {
            all.add(new Target("c" + s.rank(), s.formula(), s.dopants(), s.mobileIonContent(), s.rank()));
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    private static List<Target> chosen(String which, Path designFile, DesignResults results) throws DesignException {
        List<Candidate> candidates;
        switch (which) {
            case "all":
                candidates = results.getCandidates();
                break;
            case "sampled":
                if (results.getSampling() == null) {
                    throw new DesignException("no sample in the results: run 'cgformer design sample " + designFile + "' first");
                }
                candidates = results.getSampling().getSamples();
                break;
            default:
                throw new DesignException("--candidates '" + which + "': expected all, sampled or random:N");
        }
        List<Target> targets = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            targets.add(new Target(c.getId(), c.getFormula(), c.getDopants(), c.getMobileIonContent(), c.getRank()));
        }
        return targets;
    }
}

package org.cgformer.design.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.model.Candidate;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.FunnelStep;
import org.cgformer.design.model.resource.DesignSpaceResources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer design funnel FILE}. */
@Command(name = "funnel", mixinStandardHelpOptions = true,
        description = {"Enumerate every combination of the pool and apply the enabled rules in order;",
                "print the count after each rule and write the survivors to the results file",
                "(replacing earlier results, clusters and samples of this design space)."})
public class FunnelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    private final DesignWorkflow workflow;

    FunnelCommand(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignSpace designSpace = DesignFiles.loadValid(file, err);
        long start = System.nanoTime();
        FunnelResult result = workflow.funnel(designSpace, new ConsoleMonitor(err, "funnel"));
        double seconds = (System.nanoTime() - start) / 1e9;
        print(designSpace, result, out);
        out.printf("funnel: %s (%.2f s)%n", result.summary(), seconds);
        Path resultsFile = DesignFiles.resultsFile(file, resultsOption);
        if (Files.exists(resultsFile)) {
            out.println("replacing earlier results (survivors, clusters, samples) in " + resultsFile);
        }
        DesignSpaceResources.save(toResults(result), resultsFile);
        out.println("results: " + resultsFile);
        return CommandLineRunner.OK;
    }

    private static void print(DesignSpace designSpace, FunnelResult result, PrintWriter out) {
        out.printf("design space '%s': %d dopants in the pool, %d per candidate%n", designSpace.getName(),
                designSpace.getPool().size(), designSpace.getDopantCount());
        out.printf("%10d  all combinations C(%d, %d)%n", result.combinations(), designSpace.getPool().size(),
                designSpace.getDopantCount());
        for (FunnelResult.Step step : result.steps()) {
            out.printf("%10d  after %s%n", step.remaining(), step.rule());
        }
    }

    private DesignResults toResults(FunnelResult result) throws java.io.IOException {
        DesignSpaceFactory factory = DesignSpaceFactory.eINSTANCE;
        DesignResults results = factory.createDesignResults();
        results.setDesignSpaceFile(file.getFileName().toString());
        results.setDesignSpaceDigest(DesignFiles.digest(file));
        results.setCombinationCount(result.combinations());
        for (FunnelResult.Step step : result.steps()) {
            FunnelStep funnelStep = factory.createFunnelStep();
            funnelStep.setRule(step.rule());
            funnelStep.setRemaining(step.remaining());
            results.getFunnel().add(funnelStep);
        }
        for (FunnelResult.Survivor survivor : result.survivors()) {
            results.getCandidates().add(candidate(survivor));
        }
        return results;
    }

    private static Candidate candidate(FunnelResult.Survivor survivor) {
        Candidate candidate = DesignSpaceFactory.eINSTANCE.createCandidate();
        candidate.setId("c" + survivor.rank());
        candidate.setRank(survivor.rank());
        candidate.getDopants().addAll(survivor.dopants());
        candidate.setFormula(survivor.formula());
        candidate.setMobileIonContent(survivor.mobileIonContent());
        for (double descriptor : survivor.descriptors()) {
            candidate.getDescriptors().add(descriptor);
        }
        return candidate;
    }
}

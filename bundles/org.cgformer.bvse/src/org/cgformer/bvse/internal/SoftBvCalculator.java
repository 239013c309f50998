package org.cgformer.bvse.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.EnergyLandscape;
import org.cgformer.bvse.api.IonSite;

/** DS component: BVSE with the softBV table of Chen, Wong and Adams (2019), 2022 edition. */
public class SoftBvCalculator implements BvseCalculator {

    /** Energy share of the grid against the percolation analysis, for progress reporting. */
    private static final double GRID_SHARE = 0.9;

    private final SoftBvTable table = SoftBvTable.load();

    @Override
    public String parameterTable() {
        return SoftBvTable.PAIR_FILE;
    }

    @Override
    public String convention() {
        return BvseResult.CONVENTION;
    }

    @Override
    public BvseResult compute(double[][] lattice, List<IonSite> sites, BvseOptions options, DoubleConsumer progress,
            BooleanSupplier cancelled) throws BvseException {
        checkLattice(lattice);
        BvseFramework framework = BvseFramework.of(lattice, sites, options, table);
        LandscapeCalculator calculator = new LandscapeCalculator(framework, options.resolutionAngstrom());
        int blocks = calculator.blockCount();
        EnergyLandscape landscape = calculator.compute(options.threads(), cancelled,
                done -> progress.accept(GRID_SHARE * done / blocks));
        if (!Double.isFinite(landscape.minimum())) {
            throw new BvseException("every grid point lies inside a framework cation; is the cell or are the radii wrong?");
        }
        EnergyLandscape analysed = options.refinement() == 2 ? GridRefiner.refine(landscape) : landscape;
        double[] thresholds = new PercolationAnalyzer(analysed).thresholds(options.maxBarrierEv());
        progress.accept(1.0);
        return new BvseResult(framework.mobileIon, options.resolutionAngstrom(), barrier(thresholds[0]),
                barrier(thresholds[1]), barrier(thresholds[2]), siteEnergies(calculator, landscape, sites, options),
                landscape);
    }

    @Override
    public void writeCube(BvseResult result, List<IonSite> sites, Path file) throws IOException {
        CubeWriter.write(file, result, sites, table);
    }

    private static List<BvseResult.SiteEnergy> siteEnergies(LandscapeCalculator calculator, EnergyLandscape landscape,
            List<IonSite> sites, BvseOptions options) {
        List<BvseResult.SiteEnergy> energies = new ArrayList<>();
        for (IonSite site : sites) {
            if (site.symbol().equals(options.mobileElement())) {
                double energy = calculator.energyAt(site.fracCoords()) - landscape.minimum();
                energies.add(new BvseResult.SiteEnergy(site.label(), site.fracCoords().clone(), energy));
            }
        }
        return energies;
    }

    private static Double barrier(double threshold) {
        return Double.isNaN(threshold) ? null : threshold;
    }

    private static void checkLattice(double[][] lattice) throws BvseException {
        if (lattice == null || lattice.length != 3 || Lattices.volume(lattice) < 1e-6) {
            throw new BvseException("the cell has no volume; check the lattice parameters");
        }
    }
}

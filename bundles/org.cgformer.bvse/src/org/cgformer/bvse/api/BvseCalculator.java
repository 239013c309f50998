package org.cgformer.bvse.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Bond-valence site energy (BVSE) calculator for mobile-ion migration barriers, offered as an
 * OSGi service. Implementations document their energy convention in {@link #convention()}.
 */
public interface BvseCalculator {

    /** Name of the parameter table used, printed with results. */
    String parameterTable();

    /** The energy expression and its constants, printed with results. */
    String convention();

    /**
     * Computes the landscape and the 1-, 2- and 3-D percolation barriers of the mobile ion.
     *
     * @param lattice cell vectors a, b, c as rows, Å
     * @param sites every ion of the cell with its oxidation state and occupancy
     * @param progress receives the fraction done, 0…1 (may be called from worker threads)
     * @param cancelled polled while computing; when it answers true the calculation stops with a
     *            {@link java.util.concurrent.CancellationException}
     * @throws BvseException when the structure cannot be handled (reason in the message)
     */
    BvseResult compute(double[][] lattice, List<IonSite> sites, BvseOptions options, DoubleConsumer progress,
            BooleanSupplier cancelled) throws BvseException;

    /** Same, without progress or cancellation. */
    default BvseResult compute(double[][] lattice, List<IonSite> sites, BvseOptions options) throws BvseException {
        return compute(lattice, sites, options, fraction -> { }, () -> false);
    }

    /** Writes the landscape of a result as a Gaussian {@code .cube} file with the framework ions. */
    void writeCube(BvseResult result, List<IonSite> sites, Path file) throws IOException;
}

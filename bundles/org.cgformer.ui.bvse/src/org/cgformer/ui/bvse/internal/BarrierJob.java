package org.cgformer.ui.bvse.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * The BVSE landscape and Ea1D/Ea2D/Ea3D barriers of one crystal file, as a cancellable Job (a 0.1 Å grid takes seconds
 * to minutes). A file the readers or the calculator refuse ends the job with an error status naming the file.
 */
public final class BarrierJob extends Job {

    /** Progress units of the calculation (the calculator reports fractions 0..1). */
    private static final int WORK = 1000;

    private final Path file;
    private final double resolutionAngstrom;
    private volatile BvseResult result;
    private String parameterTable;

    public BarrierJob(Path file, double resolutionAngstrom) {
        super("Compute BVSE barrier: " + file.getFileName());
        this.file = file;
        this.resolutionAngstrom = resolutionAngstrom;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), WORK);
        try {
            StructureIons ions = StructureIons.of(StructureReader.readFile(BvseServices.readers(), file).structure());
            BvseOptions options = BvseOptions.builder().optResolution(resolutionAngstrom).build();
            FractionMonitor progress = new FractionMonitor(monitor);
            result = BvseServices.calculator().compute(ions.lattice(), ions.sites(), options, progress::report, monitor::isCanceled);
            parameterTable = BvseServices.calculator().parameterTable();
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | StructureFormatException | StructureException | BvseException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return Status.error(message.startsWith(file.toString()) ? message : file + ": " + message, e);
        } catch (CoreException e) {
            return e.getStatus();
        } finally {
            monitor.done();
        }
    }

    /** Turns the calculator's fractions (from its worker threads) into monitor work. */
    private static final class FractionMonitor {
        private final IProgressMonitor monitor;
        private int reported;

        FractionMonitor(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        synchronized void report(double fraction) {
            int target = (int) Math.min(WORK, Math.round(fraction * WORK));
            if (target > reported) {
                monitor.worked(target - reported);
                reported = target;
            }
        }
    }

    public Path file() {
        return file;
    }

    public double resolutionAngstrom() {
        return resolutionAngstrom;
    }

    /** The result once the job ended well; null before, or after an error or cancellation. */
    public BvseResult result() {
        return result;
    }

    /** The calculator's parameter table, once the job ended well. */
    public String parameterTable() {
        return parameterTable;
    }
}

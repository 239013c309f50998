package org.cgformer.ui.bvse.internal;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** The headless services the BVSE actions use, looked up when a job runs (bundles may come and go). */
final class BvseServices {

    /** How long a job waits for a service whose bundle is still starting. */
    private static final long WAIT_MILLIS = 10_000;

    private BvseServices() {
    }

    static BvseCalculator calculator() throws CoreException {
        return service(BvseCalculator.class);
    }

    static DatasetLabeller labeller() throws CoreException {
        return service(DatasetLabeller.class);
    }

    /** The structure readers installed now. */
    static List<StructureReader> readers() throws CoreException {
        BundleContext context = context();
        List<StructureReader> readers = new ArrayList<>();
        try {
            for (ServiceReference<StructureReader> reference : context.getServiceReferences(StructureReader.class, null)) {
                StructureReader reader = context.getService(reference);
                if (reader != null) {
                    readers.add(reader);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        return readers;
    }

    private static <T> T service(Class<T> type) throws CoreException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(WAIT_MILLIS);
            if (service == null) {
                throw new CoreException(Status.error("no " + type.getSimpleName() + " service: is bundle org.cgformer.bvse installed and active?"));
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoreException(Status.CANCEL_STATUS);
        } finally {
            tracker.close();
        }
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(BvseServices.class).getBundleContext();
    }
}

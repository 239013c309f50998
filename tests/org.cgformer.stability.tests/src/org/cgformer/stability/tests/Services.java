package org.cgformer.stability.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Installed services and the shared data folder. */
final class Services {

    static final Path DATA = Path.of(System.getProperty("cgformer.shared.data", "../../../shared/data"));
    static final Path EHULL_CSV = DATA.resolve("nasicon/ehull_ouyang2021/train.csv");
    static final Path HOST = DATA.resolve("nasicon/Na4Zr2Si3O12_R-3c.cif");

    private Services() {
    }

    static <T> List<T> all(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            if (tracker.waitForService(30_000) == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service after 30 s");
            }
            List<T> out = new ArrayList<>();
            for (Object o : tracker.getServices()) {
                out.add(type.cast(o));
            }
            return out;
        } finally {
            tracker.close();
        }
    }
}

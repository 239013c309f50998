package org.cgformer.djl.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Looks up an OSGi service from inside the test runtime, waiting for DS to register it. */
final class Services {

    private Services() {
    }

    static <T> T get(Class<T> type) throws InterruptedException {
        Bundle bundle = FrameworkUtil.getBundle(Services.class);
        assertNotNull(bundle, "tests must run inside OSGi");
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundle.getBundleContext(), type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertNotNull(service, "no " + type.getName() + " service registered within 20 s");
        return service;
    }
}

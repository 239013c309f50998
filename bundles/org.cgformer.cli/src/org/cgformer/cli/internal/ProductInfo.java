package org.cgformer.cli.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/** Product name and version, read from this bundle's manifest so there is one place to bump it. */
final class ProductInfo {

    static final String NAME = "CGformer Workbench";

    private ProductInfo() {
    }

    static String version() {
        Bundle bundle = FrameworkUtil.getBundle(ProductInfo.class);
        if (bundle == null) {
            return "unknown";
        }
        Version v = bundle.getVersion();
        String release = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        return v.getQualifier().isEmpty() ? release : release + " (build " + v.getQualifier() + ")";
    }

    /** The running OSGi framework, e.g. {@code org.apache.felix.framework 7.0.5}. */
    static String framework() {
        Bundle bundle = FrameworkUtil.getBundle(ProductInfo.class);
        if (bundle == null || bundle.getBundleContext() == null) {
            return "none (not running in OSGi)";
        }
        Bundle system = bundle.getBundleContext().getBundle(0);
        return system.getSymbolicName() + " " + system.getVersion();
    }
}

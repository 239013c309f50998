package org.cgformer.model.tests;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.structure.api.StructureReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Services and small real datasets of ../shared/data, featurized once per JVM. */
final class Fixtures {

    static final String SAMPLE = "structures/cgcnn_sample";
    static final String JDFT2D = "benchmarks/matbench_jdft2d";

    private static final Map<String, List<Sample>> CACHE = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve(relative);
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        return services(type).get(0);
    }

    static <T> List<T> services(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Fixtures.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            if (tracker.waitForService(30_000) == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service after 30 s");
            }
            Object[] all = tracker.getServices();
            List<T> out = new ArrayList<>();
            for (Object o : all) {
                out.add(type.cast(o));
            }
            return out;
        } finally {
            tracker.close();
        }
    }

    static PropertyModel model(String name) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Fixtures.class).getBundleContext();
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            for (PropertyModel m : services(PropertyModel.class)) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no PropertyModel service '" + name + "' (context " + context + ")");
    }

    /** Every {@code step}-th entry of a shared dataset, featurized with {@code featurizer}. */
    static List<Sample> samples(String folder, String featurizer, int step) throws Exception {
        String key = folder + "|" + featurizer + "|" + step;
        List<Sample> cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Dataset dataset = Dataset.read(data(folder));
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i += step) {
            indices.add(i);
        }
        Featurizer f = service(FeaturizerRegistry.class).get(featurizer);
        List<Sample> samples = dataset.subset(indices).samples(f, GraphOptions.defaults(), services(StructureReader.class));
        CACHE.put(key, samples);
        return samples;
    }
}

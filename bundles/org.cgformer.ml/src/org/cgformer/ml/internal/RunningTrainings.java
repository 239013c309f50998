package org.cgformer.ml.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.PropertyModel;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The trainings running now and the model each one uses, so that a model service going away (its bundle
 * stopped or uninstalled while the runtime keeps running, e.g. in {@code cgformer shell} or the workbench) cancels
 * them between two batches with a message saying why, instead of training on with classes of a stopped bundle.
 */
final class RunningTrainings {

    private final Map<Cancellation, PropertyModel> active = new ConcurrentHashMap<>();
    private final Map<Cancellation, String> reasons = new ConcurrentHashMap<>();
    /** Models whose service is gone (identity; weak, so that a stopped bundle's classes can still be collected). */
    private final Map<PropertyModel, String> gone = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The cancellation of one training of {@code model}: the caller's when it gave one (so that both the caller and a
     * departing model can cancel), else a new one; {@link #finish} it when the training ends. Already cancelled when
     * the model went away before the training started.
     */
    Cancellation start(PropertyModel model, Cancellation callers) {
        Cancellation cancellation = callers != null ? callers : new Cancellation();
        active.put(cancellation, model);
        String why = gone.get(model);
        if (why != null) {
            reasons.put(cancellation, why);
            cancellation.cancel();
        }
        return cancellation;
    }

    void finish(Cancellation cancellation) {
        active.remove(cancellation);
    }

    /** Why {@code cancellation} was cancelled by a departing model, or null. */
    String reason(Cancellation cancellation) {
        return reasons.get(cancellation);
    }

    /** Cancels every training of {@code model}: its service was unregistered. */
    void modelRemoved(PropertyModel model) {
        String why = "model '" + model.name() + "' went away: " + bundleOf(model) + " was stopped or uninstalled";
        gone.put(model, why);
        active.forEach((cancellation, m) -> {
            if (m == model) {
                reasons.put(cancellation, why);
                cancellation.cancel();
            }
        });
    }

    private static String bundleOf(PropertyModel model) {
        Bundle bundle = FrameworkUtil.getBundle(model.getClass());
        return bundle == null ? "its bundle" : "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " (id " + bundle.getBundleId() + ")";
    }
}

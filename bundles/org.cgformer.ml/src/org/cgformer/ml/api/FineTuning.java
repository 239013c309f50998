package org.cgformer.ml.api;

import java.util.Set;

/**
 * How to fine-tune a pre-trained model (transfer learning): start from its parameters, optionally with a
 * freshly initialised output head, and keep some layer groups frozen.
 *
 * @param resetHead re-initialise the output head (the layers after pooling) instead of keeping the parent's
 * @param freeze layer groups whose parameters stay as the parent had them; names from {@link PropertyModel#layerGroups()}
 */
public record FineTuning(boolean resetHead, Set<String> freeze) {

    public FineTuning {
        freeze = freeze == null ? Set.of() : Set.copyOf(freeze);
    }

    /** Keep the head, freeze nothing. */
    public static FineTuning defaults() {
        return new FineTuning(false, Set.of());
    }
}

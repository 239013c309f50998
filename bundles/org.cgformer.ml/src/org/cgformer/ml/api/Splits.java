package org.cgformer.ml.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** k-fold and predefined (Matbench {@code folds.json}) splits of a dataset, and validation hold-outs. */
public final class Splits {

    private Splits() {
    }

    /** k folds of {@code n} items shuffled with {@code seed}; fold sizes differ by at most one. */
    public static List<Split> kFold(int n, int k, long seed) {
        return kFold(n, k, seed, java.util.Set.of());
    }

    /**
     * k folds of the {@code n} items shuffled with {@code seed}, the items {@code alwaysTrain} (references, e.g. the
     * undoped parent every prediction is compared with) in the training part of every fold and in no test part; the
     * others as {@link #kFold(int, int, long)} makes them (the same folds when there are no references).
     *
     * @since 1.3
     */
    public static List<Split> kFold(int n, int k, long seed, java.util.Set<Integer> alwaysTrain) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!alwaysTrain.contains(i)) {
                order.add(i);
            }
        }
        int m = order.size();
        if (k < 2 || k > m) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + m + " structures");
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> references = alwaysTrain.stream().filter(i -> i >= 0 && i < n).sorted().toList();
        List<Split> splits = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = m / k + (f < m % k ? 1 : 0);
            List<Integer> test = List.copyOf(order.subList(start, start + size));
            List<Integer> train = new ArrayList<>(order.subList(0, start));
            train.addAll(order.subList(start + size, m));
            train.addAll(references);
            splits.add(new Split("fold_" + f, List.copyOf(train), test));
            start += size;
        }
        return splits;
    }

    /**
     * The folds of a Matbench {@code folds.json} ({@code {"test_folds": {"fold_0": [ids…], …}}}): each fold tests
     * on its ids and trains on every other entry of {@code ids}.
     *
     * @throws IOException when the file is unreadable or names an id that {@code ids} lacks
     */
    public static List<Split> predefined(Path foldsJson, List<String> ids) throws IOException {
        JsonNode root = new ObjectMapper().readTree(foldsJson.toFile());
        JsonNode folds = root.path("test_folds");
        if (!folds.isObject() || folds.isEmpty()) {
            throw new IOException(foldsJson + " has no \"test_folds\" object");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        List<Split> splits = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = folds.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> fold = it.next();
            boolean[] inTest = new boolean[ids.size()];
            List<Integer> test = new ArrayList<>();
            for (JsonNode id : fold.getValue()) {
                Integer i = index.get(id.asText());
                if (i == null) {
                    throw new IOException(foldsJson + ": fold " + fold.getKey() + " names " + id.asText() + ", which the dataset lacks");
                }
                inTest[i] = true;
                test.add(i);
            }
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!inTest[i]) {
                    train.add(i);
                }
            }
            splits.add(new Split(fold.getKey(), List.copyOf(train), List.copyOf(test)));
        }
        return splits;
    }

    /**
     * Splits {@code indices} into [train, validation] with {@code fraction} (0..1) of them, at least one,
     * shuffled with {@code seed}, held out for validation.
     */
    public static List<List<Integer>> holdOut(List<Integer> indices, double fraction, long seed) {
        List<Integer> shuffled = new ArrayList<>(indices);
        Collections.shuffle(shuffled, new Random(seed));
        int validation = Math.max(1, (int) Math.round(fraction * shuffled.size()));
        if (validation >= shuffled.size()) {
            throw new IllegalArgumentException("cannot hold out " + validation + " of " + shuffled.size() + " structures for validation");
        }
        return List.of(List.copyOf(shuffled.subList(validation, shuffled.size())), List.copyOf(shuffled.subList(0, validation)));
    }
}

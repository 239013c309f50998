package org.cgformer.stability.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random-forest regression (Breiman 2001): each tree is a CART regression tree grown on a bootstrap
 * sample, splitting on the best of {@code featuresPerSplit} randomly drawn features by the
 * reduction of the squared error, down to {@code minLeaf} samples or {@code maxDepth}; the forest
 * predicts the mean of its trees. A small own implementation (no library) so the composition baseline
 * has no dependency; scikit-learn's {@code RandomForestRegressor} with {@code max_features=1/3} is the
 * same algorithm. Deterministic for a seed.
 */
public final class RandomForest {

    private final List<Node> trees;
    private final int features;

    private RandomForest(List<Node> trees, int features) {
        this.trees = trees;
        this.features = features;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Hyper-parameters; every one optional with the documented default. */
    public static final class Builder {
        private int trees = 200;
        private int maxDepth = 30;
        private int minLeaf = 2;
        private double featureFraction = 1.0 / 3;
        private long seed = 42;

        /** Number of trees (default 200). */
        public Builder optTrees(int value) {
            trees = value;
            return this;
        }

        /** Deepest level of a tree (default 30). */
        public Builder optMaxDepth(int value) {
            maxDepth = value;
            return this;
        }

        /** Fewest training samples in a leaf (default 2). */
        public Builder optMinLeaf(int value) {
            minLeaf = value;
            return this;
        }

        /** Fraction of the features tried at each split, at least one (default 1/3, the usual choice for regression). */
        public Builder optFeatureFraction(double value) {
            featureFraction = value;
            return this;
        }

        /** Seed of the bootstrap samples and feature draws (default 42). */
        public Builder optSeed(long value) {
            seed = value;
            return this;
        }

        /**
         * Grows the forest on {@code x} (samples × features) and {@code y}.
         *
         * @throws IllegalArgumentException naming a bad hyper-parameter or inconsistent data
         */
        public RandomForest fit(double[][] x, double[] y) {
            if (trees < 1 || maxDepth < 1 || minLeaf < 1 || !(featureFraction > 0 && featureFraction <= 1)) {
                throw new IllegalArgumentException("random forest: trees " + trees + ", maxDepth " + maxDepth + ", minLeaf " + minLeaf
                        + ", featureFraction " + featureFraction + " (need trees, depth, leaf >= 1 and 0 < fraction <= 1)");
            }
            if (x.length != y.length || x.length < 2) {
                throw new IllegalArgumentException("random forest: " + x.length + " samples and " + y.length + " targets (need >= 2, equal)");
            }
            int p = x[0].length;
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != p) {
                    throw new IllegalArgumentException("random forest: sample " + i + " has " + x[i].length + " features, sample 0 has " + p);
                }
            }
            int tried = Math.max(1, (int) Math.ceil(featureFraction * p));
            Random random = new Random(seed);
            List<Node> grown = new ArrayList<>(trees);
            for (int t = 0; t < trees; t++) {
                int[] sample = new int[x.length];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = random.nextInt(x.length);
                }
                grown.add(new Grower(x, y, tried, maxDepth, minLeaf, new Random(random.nextLong())).grow(sample, 0));
            }
            return new RandomForest(List.copyOf(grown), p);
        }
    }

    /** Mean prediction of the trees for one sample. */
    public double predict(double[] sample) {
        if (sample.length != features) {
            throw new IllegalArgumentException("sample has " + sample.length + " features, the forest was grown on " + features);
        }
        double sum = 0;
        for (Node tree : trees) {
            sum += tree.predict(sample);
        }
        return sum / trees.size();
    }

    public double[] predict(double[][] samples) {
        return Arrays.stream(samples).mapToDouble(this::predict).toArray();
    }

    public int size() {
        return trees.size();
    }

    /** A leaf (feature −1, value) or a split (x[feature] ≤ threshold goes left). */
    private record Node(int feature, double threshold, double value, Node left, Node right) {

        double predict(double[] sample) {
            Node node = this;
            while (node.feature >= 0) {
                node = sample[node.feature] <= node.threshold ? node.left : node.right;
            }
            return node.value;
        }
    }

    private record Grower(double[][] x, double[] y, int tried, int maxDepth, int minLeaf, Random random) {

        Node grow(int[] sample, int depth) {
            double mean = 0;
            for (int i : sample) {
                mean += y[i];
            }
            mean /= sample.length;
            if (depth >= maxDepth || sample.length < 2 * minLeaf) {
                return new Node(-1, 0, mean, null, null);
            }
            Split best = bestSplit(sample);
            if (best == null) {
                return new Node(-1, 0, mean, null, null);
            }
            int[] left = Arrays.stream(sample).filter(i -> x[i][best.feature] <= best.threshold).toArray();
            int[] right = Arrays.stream(sample).filter(i -> x[i][best.feature] > best.threshold).toArray();
            if (left.length == 0 || right.length == 0) {
                return new Node(-1, 0, mean, null, null);
            }
            return new Node(best.feature, best.threshold, mean, grow(left, depth + 1), grow(right, depth + 1));
        }

        private record Split(int feature, double threshold, double gain) {
        }

        private Split bestSplit(int[] sample) {
            int p = x[0].length;
            int[] order = new int[p];
            for (int f = 0; f < p; f++) {
                order[f] = f;
            }
            for (int f = 0; f < tried; f++) { // partial Fisher-Yates: the first 'tried' are the drawn features
                int j = f + random.nextInt(p - f);
                int swap = order[f];
                order[f] = order[j];
                order[j] = swap;
            }
            double total = 0;
            for (int i : sample) {
                total += y[i];
            }
            int n = sample.length;
            Split best = null;
            for (int k = 0; k < tried; k++) {
                int f = order[k];
                Integer[] sorted = Arrays.stream(sample).boxed().toArray(Integer[]::new);
                Arrays.sort(sorted, (a, b) -> Double.compare(x[a][f], x[b][f]));
                double leftSum = 0;
                for (int i = 0; i < n - 1; i++) {
                    leftSum += y[sorted[i]];
                    int leftCount = i + 1;
                    double here = x[sorted[i]][f];
                    double next = x[sorted[i + 1]][f];
                    if (leftCount < minLeaf || n - leftCount < minLeaf || here == next) {
                        continue;
                    }
                    // reduction of the squared error = sum_l^2/n_l + sum_r^2/n_r - total^2/n
                    double rightSum = total - leftSum;
                    double gain = leftSum * leftSum / leftCount + rightSum * rightSum / (n - leftCount) - total * total / n;
                    if (gain > 1e-12 && (best == null || gain > best.gain)) {
                        // the midpoint of two adjacent doubles can round up to the larger one: then split at the smaller
                        double middle = here + (next - here) / 2;
                        best = new Split(f, middle < next ? middle : here, gain);
                    }
                }
            }
            return best;
        }
    }
}

package org.cgformer.graph.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CGCNN's {@code GaussianDistance}: a distance d becomes exp(−(d − μ_k)² / σ²) for centres μ_k from
 * {@code min} to {@code max} in steps of {@code step} (both ends included), with σ = {@code step}
 * unless given. Defaults as CGCNN: 0–8 Å, step 0.2 Å → 41 centres.
 */
public final class GaussianExpansion {

    public static final double DEFAULT_MIN_ANGSTROM = 0.0;
    public static final double DEFAULT_MAX_ANGSTROM = 8.0;
    public static final double DEFAULT_STEP_ANGSTROM = 0.2;

    private final double[] centres;
    private final double widthAngstrom;

    private GaussianExpansion(double minAngstrom, double maxAngstrom, double stepAngstrom, double widthAngstrom) {
        if (!(maxAngstrom > minAngstrom) || !(stepAngstrom > 0) || !(widthAngstrom > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Gaussian expansion needs min < max and positive step and width, got %s, %s, %s, %s", minAngstrom,
                    maxAngstrom, stepAngstrom, widthAngstrom));
        }
        // as numpy's arange(min, max + step, step), computed from integer counts to avoid drift
        int count = (int) Math.floor((maxAngstrom - minAngstrom) / stepAngstrom + 1e-9) + 1;
        centres = new double[count];
        for (int k = 0; k < count; k++) {
            centres[k] = minAngstrom + k * stepAngstrom;
        }
        this.widthAngstrom = widthAngstrom;
    }

    /** 0–8 Å, step 0.2 Å, σ = 0.2 Å (CGCNN's defaults). */
    public static GaussianExpansion cgcnn() {
        return of(DEFAULT_MIN_ANGSTROM, DEFAULT_MAX_ANGSTROM, DEFAULT_STEP_ANGSTROM);
    }

    /** σ = step, as CGCNN. */
    public static GaussianExpansion of(double minAngstrom, double maxAngstrom, double stepAngstrom) {
        return new GaussianExpansion(minAngstrom, maxAngstrom, stepAngstrom, stepAngstrom);
    }

    public static GaussianExpansion of(double minAngstrom, double maxAngstrom, double stepAngstrom, double widthAngstrom) {
        return new GaussianExpansion(minAngstrom, maxAngstrom, stepAngstrom, widthAngstrom);
    }

    /** Number of centres. */
    public int size() {
        return centres.length;
    }

    /** Centre k in Å. */
    public double centre(int k) {
        return centres[k];
    }

    /** Writes the {@link #size()} values for {@code distanceAngstrom} into {@code out} from {@code offset}. */
    public void expand(double distanceAngstrom, float[] out, int offset) {
        double inverseWidth2 = 1 / (widthAngstrom * widthAngstrom);
        for (int k = 0; k < centres.length; k++) {
            double diff = distanceAngstrom - centres[k];
            out[offset + k] = (float) Math.exp(-diff * diff * inverseWidth2);
        }
    }

    /**
     * A new edge feature tensor {@code [n, M, width]} (row-major, as {@link CrystalGraph} holds it) with the expansion
     * of each real edge's length in columns 0 to {@link #size()} − 1. The other columns and the padding slots are 0,
     * for the featurizer to fill.
     *
     * @param width edge features per slot, at least {@link #size()}
     * @since 1.1
     */
    public float[] expandEdges(GraphTopology topology, int width) {
        if (width < centres.length) {
            throw new IllegalArgumentException("edge width " + width + " is less than the " + centres.length + " Gaussians");
        }
        int n = topology.nodes();
        int m = topology.maxNeighbours();
        float[] edges = new float[n * m * width];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                if (topology.isEdge(i, s)) {
                    expand(topology.distance(i, s), edges, (i * m + s) * width);
                }
            }
        }
        return edges;
    }

    /** Documented columns {@code gauss_0.0} … named after their centres. */
    public List<FeatureColumn> columns() {
        List<FeatureColumn> columns = new ArrayList<>();
        for (double centre : centres) {
            String at = String.format(Locale.ROOT, "%.2f", centre);
            columns.add(new FeatureColumn("gauss_" + at, String.format(Locale.ROOT,
                    "exp(-(d - %s Å)² / (%s Å)²) of the edge length d; in [0, 1], 0 in padding slots", at,
                    Double.toString(widthAngstrom))));
        }
        return columns;
    }
}

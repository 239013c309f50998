package org.cgformer.bvse.internal;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.cgformer.bvse.api.EnergyLandscape;

/**
 * Evaluates the softBV energy of the mobile ion on a periodic grid. The grid is cut into blocks of
 * {@value #BLOCK}³ points; for each block the framework ions (periodic images included) within
 * reach of any of its points are gathered once into primitive arrays, then every point of the
 * block sums over that short list. Blocks run in parallel.
 */
final class LandscapeCalculator {

    static final int BLOCK = 8;

    private final BvseFramework framework;
    private final ExpandedCentres expanded;
    private final double[][] m;
    private final int[] shape;

    LandscapeCalculator(BvseFramework framework, double resolutionAngstrom) {
        this.framework = framework;
        this.m = framework.lattice;
        this.shape = Lattices.gridShape(m, resolutionAngstrom);
        double blockRadius = blockRadius();
        this.expanded = ExpandedCentres.around(framework, maxCutoff() + blockRadius);
    }

    int[] shape() {
        return shape;
    }

    EnergyLandscape compute(int threads, BooleanSupplier cancelled, IntConsumer blocksDone) {
        int na = shape[0], nb = shape[1], nc = shape[2];
        int ba = ceilDiv(na, BLOCK), bb = ceilDiv(nb, BLOCK), bc = ceilDiv(nc, BLOCK);
        float[] energies = new float[na * nb * nc];
        AtomicInteger done = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, ba * bb * bc).parallel().forEach(block -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("BVSE cancelled");
                }
                fillBlock(block / (bb * bc), (block / bc) % bb, block % bc, energies);
                blocksDone.accept(done.incrementAndGet());
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("BVSE interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return new EnergyLandscape(m, shape.clone(), energies, finiteMinimum(energies));
    }

    int blockCount() {
        return ceilDiv(shape[0], BLOCK) * ceilDiv(shape[1], BLOCK) * ceilDiv(shape[2], BLOCK);
    }

    /** Energy at one fractional position, summing over every framework ion in reach (no grid). */
    double energyAt(double[] frac) {
        double[] p = Lattices.toCartesian(m, frac);
        NearbyCentres nearby = expanded.near(p, 0);
        return nearby.energy(p[0], p[1], p[2]);
    }

    private void fillBlock(int bi, int bj, int bk, float[] energies) {
        int i0 = bi * BLOCK, j0 = bj * BLOCK, k0 = bk * BLOCK;
        int i1 = Math.min(i0 + BLOCK, shape[0]), j1 = Math.min(j0 + BLOCK, shape[1]), k1 = Math.min(k0 + BLOCK, shape[2]);
        double[] centre = Lattices.toCartesian(m, new double[] {
            (i0 + i1 - 1) / 2.0 / shape[0], (j0 + j1 - 1) / 2.0 / shape[1], (k0 + k1 - 1) / 2.0 / shape[2]});
        NearbyCentres nearby = expanded.near(centre, blockRadius());
        double[] frac = new double[3];
        for (int i = i0; i < i1; i++) {
            frac[0] = (double) i / shape[0];
            for (int j = j0; j < j1; j++) {
                frac[1] = (double) j / shape[1];
                for (int k = k0; k < k1; k++) {
                    frac[2] = (double) k / shape[2];
                    double x = frac[0] * m[0][0] + frac[1] * m[1][0] + frac[2] * m[2][0];
                    double y = frac[0] * m[0][1] + frac[1] * m[1][1] + frac[2] * m[2][1];
                    double z = frac[0] * m[0][2] + frac[1] * m[1][2] + frac[2] * m[2][2];
                    energies[(i * shape[1] + j) * shape[2] + k] = (float) nearby.energy(x, y, z);
                }
            }
        }
    }

    /** Largest distance from a block's centre to one of its points. */
    private double blockRadius() {
        double[] half = {Math.min(BLOCK, shape[0]) / 2.0 / shape[0], Math.min(BLOCK, shape[1]) / 2.0 / shape[1],
            Math.min(BLOCK, shape[2]) / 2.0 / shape[2]};
        double radius = 0;
        for (int corner = 0; corner < 8; corner++) {
            double[] d = {(corner & 1) == 0 ? -half[0] : half[0], (corner & 2) == 0 ? -half[1] : half[1],
                (corner & 4) == 0 ? -half[2] : half[2]};
            radius = Math.max(radius, Lattices.norm(Lattices.toCartesian(m, d)));
        }
        return radius;
    }

    private double maxCutoff() {
        return framework.centres.stream().mapToDouble(BvseFramework.Centre::cutoff).max().orElse(0);
    }

    private static double finiteMinimum(float[] energies) {
        double min = Double.POSITIVE_INFINITY;
        for (float e : energies) {
            if (e < min) {
                min = e;
            }
        }
        return min;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Every framework ion and its periodic images within a distance of the home cell. */
    static final class ExpandedCentres {
        final double[] x, y, z;
        final BvseFramework.Centre[] source;

        private ExpandedCentres(double[] x, double[] y, double[] z, BvseFramework.Centre[] source) {
            this.x = x;
            this.y = y;
            this.z = z;
            this.source = source;
        }

        static ExpandedCentres around(BvseFramework framework, double reach) {
            double[][] m = framework.lattice;
            double[] spacing = Lattices.interplanarSpacings(m);
            int[] images = new int[3];
            for (int d = 0; d < 3; d++) {
                images[d] = (int) Math.ceil(reach / spacing[d]) + 1;
            }
            int count = framework.centres.size() * (2 * images[0] + 1) * (2 * images[1] + 1) * (2 * images[2] + 1);
            double[] x = new double[count], y = new double[count], z = new double[count];
            BvseFramework.Centre[] source = new BvseFramework.Centre[count];
            int n = 0;
            for (BvseFramework.Centre centre : framework.centres) {
                double[] f = Lattices.wrap(centre.fracCoords());
                for (int a = -images[0]; a <= images[0]; a++) {
                    for (int b = -images[1]; b <= images[1]; b++) {
                        for (int c = -images[2]; c <= images[2]; c++) {
                            double[] p = Lattices.toCartesian(m, new double[] {f[0] + a, f[1] + b, f[2] + c});
                            x[n] = p[0];
                            y[n] = p[1];
                            z[n] = p[2];
                            source[n++] = centre;
                        }
                    }
                }
            }
            return new ExpandedCentres(x, y, z, source);
        }

        /** The ions whose reach (own cutoff) touches the ball of {@code radius} around {@code p}. */
        NearbyCentres near(double[] p, double radius) {
            int[] anions = new int[source.length];
            int[] cations = new int[source.length];
            int na = 0, nc = 0;
            for (int n = 0; n < source.length; n++) {
                double dx = x[n] - p[0], dy = y[n] - p[1], dz = z[n] - p[2];
                double reach = source[n].cutoff() + radius;
                if (dx * dx + dy * dy + dz * dz <= reach * reach) {
                    if (source[n].anion()) {
                        anions[na++] = n;
                    } else {
                        cations[nc++] = n;
                    }
                }
            }
            return new NearbyCentres(this, Arrays.copyOf(anions, na), Arrays.copyOf(cations, nc));
        }
    }

    /** The short list of ions one grid block sums over, laid out as primitive arrays. */
    static final class NearbyCentres {
        private final double[] ax, ay, az, aStrength, aRmin, aAlpha, aCut2;
        private final double[] cx, cy, cz, cStrength, cInvScreening, cExclusion2, cCut2;

        NearbyCentres(ExpandedCentres all, int[] anions, int[] cations) {
            ax = pick(all.x, anions);
            ay = pick(all.y, anions);
            az = pick(all.z, anions);
            aStrength = new double[anions.length];
            aRmin = new double[anions.length];
            aAlpha = new double[anions.length];
            aCut2 = new double[anions.length];
            for (int n = 0; n < anions.length; n++) {
                BvseFramework.Centre c = all.source[anions[n]];
                aStrength[n] = c.strength();
                aRmin[n] = c.rMin();
                aAlpha[n] = c.alpha();
                aCut2[n] = c.cutoff() * c.cutoff();
            }
            cx = pick(all.x, cations);
            cy = pick(all.y, cations);
            cz = pick(all.z, cations);
            cStrength = new double[cations.length];
            cInvScreening = new double[cations.length];
            cExclusion2 = new double[cations.length];
            cCut2 = new double[cations.length];
            for (int n = 0; n < cations.length; n++) {
                BvseFramework.Centre c = all.source[cations[n]];
                cStrength[n] = c.strength();
                cInvScreening[n] = 1 / c.screening();
                cExclusion2[n] = c.exclusion() * c.exclusion();
                cCut2[n] = c.cutoff() * c.cutoff();
            }
        }

        /** softBV energy at (x, y, z), or +∞ inside a framework cation. */
        double energy(double x, double y, double z) {
            double coulomb = 0;
            for (int n = 0; n < cx.length; n++) {
                double dx = cx[n] - x, dy = cy[n] - y, dz = cz[n] - z;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < cExclusion2[n]) {
                    return Double.POSITIVE_INFINITY;
                }
                if (r2 < cCut2[n]) {
                    double r = Math.sqrt(r2);
                    coulomb += cStrength[n] / r * Erfc.erfc(r * cInvScreening[n]);
                }
            }
            double bondValence = 0;
            for (int n = 0; n < ax.length; n++) {
                double dx = ax[n] - x, dy = ay[n] - y, dz = az[n] - z;
                double r2 = dx * dx + dy * dy + dz * dz;
                if (r2 < aCut2[n]) {
                    double e = Math.exp(aAlpha[n] * (aRmin[n] - Math.sqrt(r2))) - 1;
                    bondValence += aStrength[n] * (e * e - 1);
                }
            }
            return bondValence + coulomb;
        }

        private static double[] pick(double[] values, int[] indices) {
            double[] picked = new double[indices.length];
            for (int n = 0; n < indices.length; n++) {
                picked[n] = values[indices[n]];
            }
            return picked;
        }
    }
}

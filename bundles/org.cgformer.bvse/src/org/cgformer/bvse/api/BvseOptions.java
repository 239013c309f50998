package org.cgformer.bvse.api;

/**
 * Settings of one BVSE calculation; build with {@link #builder()}.
 *
 * <ul>
 * <li>mobile ion: element and charge of the ion that moves (default Na, +1)</li>
 * <li>resolution: grid spacing along each cell vector, Å (default 0.1)</li>
 * <li>cutoff: distance within which framework ions contribute, Å (default 10, as in DESIGN.md)</li>
 * <li>maximum barrier: thresholds above this many eV count as "does not percolate" (default 10 eV:
 * far above any barrier a conductor can have, below the walls of overlapping ions)</li>
 * <li>refinement: the percolation analysis runs on the grid interpolated to this many times the
 * density along each vector (1 or 2, default 2); it finds the bottlenecks between grid points,
 * so barriers converge at coarser grids</li>
 * <li>threads: worker threads for the grid (default: all cores)</li>
 * </ul>
 */
public final class BvseOptions {

    /** Grid spacing below which a cell of a few hundred Å^3 needs gigabytes; refuse it early. */
    public static final double FINEST_RESOLUTION_ANGSTROM = 0.02;

    private final String mobileElement;
    private final int mobileCharge;
    private final double resolutionAngstrom;
    private final double cutoffAngstrom;
    private final double maxBarrierEv;
    private final int refinement;
    private final int threads;

    private BvseOptions(Builder builder) {
        this.mobileElement = builder.mobileElement;
        this.mobileCharge = builder.mobileCharge;
        this.resolutionAngstrom = builder.resolutionAngstrom;
        this.cutoffAngstrom = builder.cutoffAngstrom;
        this.maxBarrierEv = builder.maxBarrierEv;
        this.refinement = builder.refinement;
        this.threads = builder.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static BvseOptions defaults() {
        return builder().build();
    }

    public String mobileElement() {
        return mobileElement;
    }

    public int mobileCharge() {
        return mobileCharge;
    }

    public double resolutionAngstrom() {
        return resolutionAngstrom;
    }

    public double cutoffAngstrom() {
        return cutoffAngstrom;
    }

    public double maxBarrierEv() {
        return maxBarrierEv;
    }

    public int refinement() {
        return refinement;
    }

    public int threads() {
        return threads;
    }

    /**
     * The settings that change a barrier, in words, for the metadata of label sets and reports (the energy
     * convention itself is {@link BvseResult#CONVENTION}).
     *
     * @since 1.1
     */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s%+d probe, grid %s A%s, cutoff %s A, barriers above %s eV count as not percolating",
                mobileElement, mobileCharge, resolutionAngstrom,
                refinement > 1 ? ", percolation on the grid refined " + refinement + "x by Catmull-Rom interpolation" : ", no grid refinement",
                cutoffAngstrom, maxBarrierEv);
    }

    /**
     * What a set of labels made with these options and {@code calculator} records about them (the {@code dataset.json}
     * of {@code cgformer dataset bvse} and {@code cgformer design label}): ion, charge, resolution, maxBarrier,
     * refinement, settings ({@link #describe()}), parameters and convention, in that order.
     *
     * @since 1.4
     */
    public java.util.Map<String, Object> labelSettings(BvseCalculator calculator) {
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("ion", mobileElement);
        settings.put("charge", mobileCharge);
        settings.put("resolution", resolutionAngstrom);
        settings.put("maxBarrier", maxBarrierEv);
        settings.put("refinement", refinement);
        settings.put("settings", describe());
        settings.put("parameters", calculator.parameterTable());
        settings.put("convention", calculator.convention());
        return settings;
    }

    public Builder toBuilder() {
        return builder().optMobileIon(mobileElement, mobileCharge).optResolution(resolutionAngstrom)
                .optCutoff(cutoffAngstrom).optMaxBarrier(maxBarrierEv).optRefinement(refinement)
                .optThreads(threads);
    }

    /** Builder; every value is optional and has the default documented on {@link BvseOptions}. */
    public static final class Builder {
        private String mobileElement = "Na";
        private int mobileCharge = 1;
        private double resolutionAngstrom = 0.1;
        private double cutoffAngstrom = 10.0;
        private double maxBarrierEv = 10.0;
        private int refinement = 2;
        private int threads = Runtime.getRuntime().availableProcessors();

        public Builder optMobileIon(String element, int charge) {
            this.mobileElement = element;
            this.mobileCharge = charge;
            return this;
        }

        public Builder optResolution(double angstrom) {
            this.resolutionAngstrom = angstrom;
            return this;
        }

        public Builder optCutoff(double angstrom) {
            this.cutoffAngstrom = angstrom;
            return this;
        }

        public Builder optMaxBarrier(double ev) {
            this.maxBarrierEv = ev;
            return this;
        }

        public Builder optRefinement(int factor) {
            this.refinement = factor;
            return this;
        }

        public Builder optThreads(int count) {
            this.threads = count;
            return this;
        }

        public BvseOptions build() {
            if (mobileElement == null || mobileElement.isBlank()) {
                throw new IllegalArgumentException("mobile ion element is empty");
            }
            if (mobileCharge <= 0) {
                throw new IllegalArgumentException("mobile ion charge must be positive, got " + mobileCharge);
            }
            if (!(resolutionAngstrom >= FINEST_RESOLUTION_ANGSTROM && resolutionAngstrom <= 1.0)) {
                throw new IllegalArgumentException("resolution must be between " + FINEST_RESOLUTION_ANGSTROM
                        + " and 1 Å, got " + resolutionAngstrom);
            }
            if (!(cutoffAngstrom >= 4 && cutoffAngstrom <= 20)) {
                throw new IllegalArgumentException("cutoff must be between 4 and 20 Å, got " + cutoffAngstrom);
            }
            if (!(maxBarrierEv > 0)) {
                throw new IllegalArgumentException("maximum barrier must be positive, got " + maxBarrierEv);
            }
            if (refinement != 1 && refinement != 2) {
                throw new IllegalArgumentException("refinement must be 1 or 2, got " + refinement);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            return new BvseOptions(this);
        }
    }
}

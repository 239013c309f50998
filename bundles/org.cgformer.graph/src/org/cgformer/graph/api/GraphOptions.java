package org.cgformer.graph.api;

import java.util.Locale;

/**
 * How a structure becomes a graph; build with {@link #builder()}. Immutable.
 *
 * <ul>
 * <li>maximum neighbours M: each site keeps its M nearest neighbours (periodic images included)
 * within the cutoff (default {@value #DEFAULT_MAX_NEIGHBOURS}, as CGCNN)</li>
 * <li>cutoff: neighbour search radius in Å (default {@value #DEFAULT_CUTOFF_ANGSTROM}, as CGCNN)</li>
 * <li>maximum path length: shortest-path distances in the graph longer than this are stored as this
 * value, "this far or farther" (default {@value #DEFAULT_MAX_PATH_LENGTH}, Graphormer's
 * {@code spatial_pos_max}); at most {@value #LARGEST_MAX_PATH_LENGTH} so that it fits a byte</li>
 * <li>isolated sites: what to do with a site that has no neighbour within the cutoff (default
 * {@link IsolatedSitePolicy#FAIL})</li>
 * </ul>
 */
public final class GraphOptions {

    public static final int DEFAULT_MAX_NEIGHBOURS = 12;
    public static final double DEFAULT_CUTOFF_ANGSTROM = 8.0;
    public static final int DEFAULT_MAX_PATH_LENGTH = 20;
    /** Path lengths are stored in bytes; {@link CrystalGraph#UNREACHABLE} is -1. */
    public static final int LARGEST_MAX_PATH_LENGTH = 127;

    private final int maxNeighbours;
    private final double cutoffAngstrom;
    private final int maxPathLength;
    private final IsolatedSitePolicy isolatedSites;

    private GraphOptions(Builder builder) {
        this.maxNeighbours = builder.maxNeighbours;
        this.cutoffAngstrom = builder.cutoffAngstrom;
        this.maxPathLength = builder.maxPathLength;
        this.isolatedSites = builder.isolatedSites;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** M = 12, 8 Å, paths capped at 20, isolated sites refused. */
    public static GraphOptions defaults() {
        return builder().build();
    }

    public int maxNeighbours() {
        return maxNeighbours;
    }

    public double cutoffAngstrom() {
        return cutoffAngstrom;
    }

    public int maxPathLength() {
        return maxPathLength;
    }

    public IsolatedSitePolicy isolatedSites() {
        return isolatedSites;
    }

    public Builder toBuilder() {
        return builder().optMaxNeighbours(maxNeighbours).optCutoff(cutoffAngstrom).optMaxPathLength(maxPathLength)
                .optIsolatedSites(isolatedSites);
    }

    /** A stable text form, part of cache keys: {@code M=12;cutoff=8.0;maxPath=20;isolated=FAIL}. */
    public String key() {
        return String.format(Locale.ROOT, "M=%d;cutoff=%s;maxPath=%d;isolated=%s", maxNeighbours,
                Double.toString(cutoffAngstrom), maxPathLength, isolatedSites);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphOptions other && key().equals(other.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return key();
    }

    /** Builder of {@link GraphOptions}; {@link #build()} checks every value and names the bad one. */
    public static final class Builder {
        private int maxNeighbours = DEFAULT_MAX_NEIGHBOURS;
        private double cutoffAngstrom = DEFAULT_CUTOFF_ANGSTROM;
        private int maxPathLength = DEFAULT_MAX_PATH_LENGTH;
        private IsolatedSitePolicy isolatedSites = IsolatedSitePolicy.FAIL;

        private Builder() {
        }

        public Builder optMaxNeighbours(int value) {
            maxNeighbours = value;
            return this;
        }

        public Builder optCutoff(double valueAngstrom) {
            cutoffAngstrom = valueAngstrom;
            return this;
        }

        public Builder optMaxPathLength(int value) {
            maxPathLength = value;
            return this;
        }

        public Builder optIsolatedSites(IsolatedSitePolicy value) {
            isolatedSites = value;
            return this;
        }

        public GraphOptions build() {
            if (maxNeighbours < 1) {
                throw new IllegalArgumentException("maximum neighbours must be at least 1, got " + maxNeighbours);
            }
            if (!(cutoffAngstrom > 0) || Double.isInfinite(cutoffAngstrom)) {
                throw new IllegalArgumentException("cutoff must be a positive distance in Å, got " + cutoffAngstrom);
            }
            if (maxPathLength < 1 || maxPathLength > LARGEST_MAX_PATH_LENGTH) {
                throw new IllegalArgumentException("maximum path length must be in 1.." + LARGEST_MAX_PATH_LENGTH
                        + ", got " + maxPathLength);
            }
            if (isolatedSites == null) {
                throw new IllegalArgumentException("isolated-site policy must not be null");
            }
            return new GraphOptions(this);
        }
    }
}

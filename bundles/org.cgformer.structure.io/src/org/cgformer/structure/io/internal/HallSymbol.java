package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a Hall symbol (S. R. Hall, Acta Cryst. A37 (1981) 517; the explicit-origin notation of
 * International Tables Vol. B, Table A1.4.2.7) into the full list of space-group operations.
 * Arithmetic is exact: translations are kept in 24ths, which hold every Hall translation (1/2, 1/4,
 * screw parts 1/3 and 1/6, origin shifts in 12ths).
 */
final class HallSymbol {

    private static final int D = 24;
    private static final Pattern MATRIX = Pattern.compile("(-?)([12346])([1-5]?)([xyz'\"*]?)([abcnuvwd]*)");
    private static final Pattern ORIGIN_SHIFT = Pattern.compile("\\(\\s*(-?\\d+)\\s+(-?\\d+)\\s+(-?\\d+)\\s*\\)");

    /** Proper rotations about z (and the face-diagonal twofolds and the body-diagonal threefold). */
    private static final int[][] ONE = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    private static final int[][] TWO_Z = {{-1, 0, 0}, {0, -1, 0}, {0, 0, 1}};
    private static final int[][] THREE_Z = {{0, -1, 0}, {1, -1, 0}, {0, 0, 1}};
    private static final int[][] FOUR_Z = {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}};
    private static final int[][] SIX_Z = {{1, -1, 0}, {1, 0, 0}, {0, 0, 1}};
    private static final int[][] TWO_PRIME_Z = {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}};
    private static final int[][] TWO_DOUBLE_PRIME_Z = {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}};
    private static final int[][] THREE_STAR = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};

    /** An operation with integer rotation and translation in 24ths (reduced modulo 1). */
    record Op(int[][] r, int[] t) {
        Op times(Op o) {
            int[][] r2 = new int[3][3];
            int[] t2 = new int[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    r2[i][j] = r[i][0] * o.r[0][j] + r[i][1] * o.r[1][j] + r[i][2] * o.r[2][j];
                }
                t2[i] = Math.floorMod(r[i][0] * o.t[0] + r[i][1] * o.t[1] + r[i][2] * o.t[2] + t[i], D);
            }
            return new Op(r2, t2);
        }

        String key() {
            StringBuilder key = new StringBuilder();
            for (int[] row : r) {
                for (int v : row) {
                    key.append(v).append(',');
                }
            }
            return key.append(t[0]).append(',').append(t[1]).append(',').append(t[2]).toString();
        }

        SymmetryOperation toOperation() {
            double[][] rotation = new double[3][3];
            double[] translation = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    rotation[i][j] = r[i][j];
                }
                translation[i] = (double) t[i] / D;
            }
            return new SymmetryOperation(rotation, translation);
        }
    }

    private HallSymbol() {
    }

    /**
     * All operations of the space group of {@code hall} (e.g. {@code -P 2ybc}, {@code P 31 2c (0 0 1)}),
     * identity first.
     *
     * @throws IllegalArgumentException when the symbol does not parse
     */
    static List<SymmetryOperation> operations(String hall) {
        String symbol = hall.strip();
        int[] shift = new int[3];
        Matcher origin = ORIGIN_SHIFT.matcher(symbol);
        if (origin.find()) {
            for (int i = 0; i < 3; i++) {
                shift[i] = 2 * Integer.parseInt(origin.group(i + 1));
            }
            symbol = symbol.substring(0, origin.start()).strip();
        }
        String[] parts = symbol.split("\\s+");
        List<Op> generators = new ArrayList<>(latticeGenerators(parts[0], hall));
        int previousOrder = 0;
        char previousAxis = 'z';
        for (int k = 1; k < parts.length; k++) {
            Matcher m = MATRIX.matcher(parts[k]);
            if (!m.matches()) {
                throw new IllegalArgumentException("Hall symbol '" + hall + "': cannot read '" + parts[k] + "'");
            }
            int order = Integer.parseInt(m.group(2));
            char axis = axis(m.group(4), k, order, previousOrder);
            generators.add(matrix(m, order, axis, previousAxis, hall));
            previousOrder = order;
            if ("xyz".indexOf(axis) >= 0) {
                previousAxis = axis;
            }
        }
        return close(generators, shift);
    }

    private static List<Op> latticeGenerators(String lattice, String hall) {
        List<Op> generators = new ArrayList<>();
        boolean centrosymmetric = lattice.startsWith("-");
        String letter = centrosymmetric ? lattice.substring(1) : lattice;
        int[][] centring = switch (letter.toUpperCase()) {
            case "P" -> new int[0][];
            case "A" -> new int[][] {{0, 12, 12}};
            case "B" -> new int[][] {{12, 0, 12}};
            case "C" -> new int[][] {{12, 12, 0}};
            case "I" -> new int[][] {{12, 12, 12}};
            case "R" -> new int[][] {{16, 8, 8}, {8, 16, 16}};
            case "F" -> new int[][] {{0, 12, 12}, {12, 0, 12}, {12, 12, 0}};
            default -> throw new IllegalArgumentException("Hall symbol '" + hall + "': unknown lattice '" + lattice + "'");
        };
        for (int[] t : centring) {
            generators.add(new Op(ONE, t));
        }
        if (centrosymmetric) {
            generators.add(new Op(negate(ONE), new int[3]));
        }
        return generators;
    }

    /** The axis, explicit or by Hall's defaults for the k-th matrix symbol. */
    private static char axis(String explicit, int k, int order, int previousOrder) {
        if (!explicit.isEmpty()) {
            return explicit.charAt(0);
        }
        if (k == 1) {
            return 'z';
        }
        if (k == 2 && order == 2) {
            return previousOrder == 2 || previousOrder == 4 ? 'x' : '\'';
        }
        if (order == 3) {
            return '*';
        }
        return 'z';
    }

    private static Op matrix(Matcher m, int order, char axis, char previousAxis, String hall) {
        int[][] zRotation = switch (axis) {
            case '\'' -> requireTwofold(order, TWO_PRIME_Z, hall);
            case '"' -> requireTwofold(order, TWO_DOUBLE_PRIME_Z, hall);
            case '*' -> THREE_STAR;
            default -> switch (order) {
                case 1 -> ONE;
                case 2 -> TWO_Z;
                case 3 -> THREE_Z;
                case 4 -> FOUR_Z;
                default -> SIX_Z;
            };
        };
        char frame = axis == '\'' || axis == '"' ? previousAxis : axis == '*' ? 'z' : axis;
        int[][] rotation = permute(zRotation, frame);
        if (m.group(1).equals("-")) {
            rotation = negate(rotation);
        }
        int[] t = new int[3];
        if (!m.group(3).isEmpty() && "xyz".indexOf(axis) >= 0) {
            t[axis - 'x'] = D * Integer.parseInt(m.group(3)) / order;
        }
        for (char c : m.group(5).toCharArray()) {
            addTranslation(t, c);
        }
        return new Op(rotation, t);
    }

    private static int[][] requireTwofold(int order, int[][] rotation, String hall) {
        if (order != 2) {
            throw new IllegalArgumentException("Hall symbol '" + hall + "': only twofold axes can be primed");
        }
        return rotation;
    }

    private static void addTranslation(int[] t, char c) {
        switch (c) {
            case 'a' -> t[0] += 12;
            case 'b' -> t[1] += 12;
            case 'c' -> t[2] += 12;
            case 'n' -> { t[0] += 12; t[1] += 12; t[2] += 12; }
            case 'u' -> t[0] += 6;
            case 'v' -> t[1] += 6;
            case 'w' -> t[2] += 6;
            default -> { t[0] += 6; t[1] += 6; t[2] += 6; } // 'd'
        }
    }

    /** The z-axis matrix expressed about x or y by cyclic permutation of the axes. */
    private static int[][] permute(int[][] z, char axis) {
        int s = axis == 'x' ? 1 : axis == 'y' ? 2 : 0;
        int[][] out = new int[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[(i + s) % 3][(j + s) % 3] = z[i][j];
            }
        }
        return out;
    }

    private static int[][] negate(int[][] m) {
        int[][] out = new int[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i][j] = -m[i][j];
            }
        }
        return out;
    }

    /** The group generated by {@code generators}, moved by the origin shift (in 24ths). */
    private static List<SymmetryOperation> close(List<Op> generators, int[] shift) {
        Map<String, Op> group = new LinkedHashMap<>();
        Op identity = new Op(ONE, new int[3]);
        group.put(identity.key(), identity);
        List<Op> frontier = new ArrayList<>(group.values());
        while (!frontier.isEmpty()) {
            List<Op> found = new ArrayList<>();
            for (Op a : frontier) {
                for (Op g : generators) {
                    Op product = g.times(a);
                    if (group.putIfAbsent(product.key(), product) == null) {
                        found.add(product);
                    }
                }
            }
            frontier = found;
        }
        List<SymmetryOperation> operations = new ArrayList<>();
        for (Op op : group.values()) {
            operations.add(shifted(op, shift).toOperation());
        }
        return operations;
    }

    /** (I, v)(R, t)(I, -v) = (R, t + v - R v). */
    private static Op shifted(Op op, int[] v) {
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            int rv = op.r[i][0] * v[0] + op.r[i][1] * v[1] + op.r[i][2] * v[2];
            t[i] = Math.floorMod(op.t[i] + v[i] - rv, D);
        }
        return new Op(op.r, t);
    }
}

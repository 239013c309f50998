package org.cgformer.design.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * How a composition becomes a structure: the generator, its host, the lattice, the supercell policy, the K random
 * decorations of which the lowest Ewald energy wins, and the seed rule. Written as {@value #FILE} next to the
 * structures a command makes ({@code cgformer design generate}, {@code cgformer dataset ehull}), copied into the
 * {@code model.json} of every model trained on them (metric {@code recipe}), and read by screening, which builds each
 * model's candidates with that model's recipe (docs/screening.md, "Structure recipes").
 *
 * <p>{@link #equals} compares what decides the structures (generator, host name and SHA-256, host formula, site,
 * lattice, supercell, decorations, seed, seed rule); {@code hostPath} (where the host was read) and {@code note} are
 * descriptive and left out.
 *
 * @param format      recipe format, {@value #FORMAT}
 * @param generator   {@value #DESIGN_SPACE} (the design space's host and substituted site, {@link CandidateStructures}) or
 *                    {@value #NASICON_FRAMEWORK} (NASICON framework of the stability bundle, from a formula)
 * @param host        file name of the host structure (no folder)
 * @param hostSha256  SHA-256 (hex) of the host file
 * @param hostPath    where the host file was read when the recipe was written (descriptive; may be relative)
 * @param hostFormula the host's formula, e.g. Na3Zr2Si2PO12, or null
 * @param site        label of the substituted site ({@value #DESIGN_SPACE}), or null
 * @param lattice     {@value #LATTICE_HOST} (the host's lattice) or {@value #LATTICE_SCALED} (scaled by Shannon radii)
 * @param supercell   supercell policy, e.g. {@value #SMALLEST_INTEGRAL}
 * @param decorations K, random decorations per structure (the lowest Ewald energy wins)
 * @param seed        base seed
 * @param seedRule    how each structure's seed follows from it, e.g. {@value #SEED_PLUS_RANK}
 * @param note        free text (e.g. what else a mixed dataset holds), or null
 * @since 1.3
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "generator", "host", "hostSha256", "hostPath", "hostFormula", "site", "lattice", "supercell", "decorations",
    "seed", "seedRule", "note"})
public record StructureRecipe(int format, String generator, String host, String hostSha256, String hostPath, String hostFormula, String site,
        String lattice, String supercell, int decorations, long seed, String seedRule, String note) {

    /** File name of a recipe in a structure or dataset folder. */
    public static final String FILE = "recipe.json";
    public static final int FORMAT = 1;
    public static final String DESIGN_SPACE = "design-space";
    public static final String NASICON_FRAMEWORK = "nasicon-framework";
    public static final String LATTICE_HOST = "host";
    public static final String LATTICE_SCALED = "scaled";
    /**
     * The smallest multiple of the host's cell as read (the conventional cell) in which every count is a whole number,
     * stacked along its axes (docs/design-space.md).
     */
    public static final String SMALLEST_INTEGRAL = "smallest-integral";
    /**
     * The smallest multiple of the host's primitive cell in which every count is a whole number, in its most compact
     * shape: the smallest faithful cell (a third of the sites for an R-centred NASICON; docs/design-space.md).
     *
     * @since 1.4
     */
    public static final String SMALLEST_PRIMITIVE = "smallest-primitive";
    /**
     * The host's primitive cell with mixed sites, each holding the mean occupancy of all ordered decorations
     * ({@code org.cgformer.design.structure.AverageStructure}): one cell per composition, 42 sites for a NASICON. Its
     * oracle decorations are those of {@value #SMALLEST_PRIMITIVE} (docs/screening.md, "The occupancy-weighted cell").
     *
     * @since 1.5
     */
    public static final String PRIMITIVE_OCCUPANCY = "primitive-occupancy";
    /**
     * Seeds of a candidate's further ordered decorations lie this far apart: decoration k of candidate c&lt;rank&gt; uses
     * seed + rank + k x stride (the oracle of {@code cgformer screen --validate} and the labels of {@code cgformer design
     * label}), so the decorations of different candidates never share a seed.
     *
     * @since 1.5
     */
    public static final long DECORATION_SEED_STRIDE = 1_000_003L;

    /**
     * The seed of ordered decoration {@code k} of the candidate of enumeration rank {@code rank}: seed + rank + k x
     * {@link #DECORATION_SEED_STRIDE} (k = 0 is the candidate's own structure, seed + rank).
     *
     * @since 1.5
     */
    public static long decorationSeed(long seed, long rank, int k) {
        return seed + rank + k * DECORATION_SEED_STRIDE;
    }
    /** Candidate c&lt;rank&gt; uses seed + its enumeration rank ({@code design generate}, {@code screen}). */
    public static final String SEED_PLUS_RANK = "seed+rank";
    /** Row r of a composition table uses seed + its line number ({@code dataset ehull}). */
    public static final String SEED_PLUS_LINE = "seed+line";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public StructureRecipe {
        if (generator == null || generator.isBlank()) {
            throw new IllegalArgumentException("a structure recipe needs a generator (" + DESIGN_SPACE + " or " + NASICON_FRAMEWORK + ")");
        }
        if (lattice == null || lattice.isBlank()) {
            throw new IllegalArgumentException("structure recipe '" + generator + "' has no lattice (" + LATTICE_HOST + " or " + LATTICE_SCALED
                    + ")");
        }
    }

    /** A {@value #DESIGN_SPACE} recipe: the host file (its name and SHA-256), the substituted site, the host's lattice. */
    public static StructureRecipe designSpace(Path hostFile, String hostFormula, String site, int decorations, long seed) throws IOException {
        return designSpace(hostFile, hostFormula, site, SMALLEST_INTEGRAL, decorations, seed);
    }

    /**
     * A {@value #DESIGN_SPACE} recipe with the supercell policy {@code supercell} ({@value #SMALLEST_INTEGRAL} or
     * {@value #SMALLEST_PRIMITIVE}).
     *
     * @since 1.4
     */
    public static StructureRecipe designSpace(Path hostFile, String hostFormula, String site, String supercell, int decorations, long seed)
            throws IOException {
        return new StructureRecipe(FORMAT, DESIGN_SPACE, hostFile.getFileName().toString(), sha256(hostFile), hostFile.toString(), hostFormula,
                site, LATTICE_HOST, supercellPolicy(supercell), decorations, seed, SEED_PLUS_RANK, null);
    }

    /**
     * The supercell policy for a user's word: {@code conventional} or {@value #SMALLEST_INTEGRAL}, {@code primitive} or
     * {@value #SMALLEST_PRIMITIVE}, {@code occupancy} or {@value #PRIMITIVE_OCCUPANCY} (since 1.5).
     *
     * @throws IllegalArgumentException for any other word, naming the ones there are
     * @since 1.4
     */
    public static String supercellPolicy(String word) {
        return switch (word == null ? "" : word.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "conventional", SMALLEST_INTEGRAL -> SMALLEST_INTEGRAL;
            case "primitive", SMALLEST_PRIMITIVE -> SMALLEST_PRIMITIVE;
            case "occupancy", PRIMITIVE_OCCUPANCY -> PRIMITIVE_OCCUPANCY;
            default -> throw new IllegalArgumentException("unknown cell '" + word + "': primitive (the smallest faithful cell, "
                    + SMALLEST_PRIMITIVE + "), conventional (" + SMALLEST_INTEGRAL + ") or occupancy (the primitive cell with mixed sites, "
                    + PRIMITIVE_OCCUPANCY + ")");
        };
    }

    /** A copy with another supercell policy. @since 1.4 */
    public StructureRecipe withSupercell(String policy) {
        return new StructureRecipe(format, generator, host, hostSha256, hostPath, hostFormula, site, lattice, supercellPolicy(policy), decorations,
                seed, seedRule, note);
    }

    /** A {@value #NASICON_FRAMEWORK} recipe on {@code hostFile} with {@code lattice} {@value #LATTICE_HOST} or {@value #LATTICE_SCALED}. */
    public static StructureRecipe nasiconFramework(Path hostFile, String hostFormula, String lattice, int decorations, long seed, String seedRule)
            throws IOException {
        return new StructureRecipe(FORMAT, NASICON_FRAMEWORK, hostFile.getFileName().toString(), sha256(hostFile), hostFile.toString(),
                hostFormula, null, lattice, SMALLEST_INTEGRAL, decorations, seed, seedRule, null);
    }

    /**
     * Whether the structures of this recipe are ordered decorations (one species per site), which BVSE, the oracle, labels
     * as they are; an {@value #PRIMITIVE_OCCUPANCY} cell is not.
     *
     * @since 1.5
     */
    @JsonIgnore
    public boolean ordered() {
        return !PRIMITIVE_OCCUPANCY.equals(supercell);
    }

    /**
     * The ordered recipe whose decorations this recipe's structures stand for: itself when {@link #ordered()}, else the
     * same recipe on {@value #SMALLEST_PRIMITIVE} cells (the oracle's structures for an occupancy-weighted model).
     *
     * @since 1.5
     */
    public StructureRecipe orderedDecorations() {
        return ordered() ? this : withSupercell(SMALLEST_PRIMITIVE);
    }

    /** A copy with another note. */
    public StructureRecipe withNote(String value) {
        return new StructureRecipe(format, generator, host, hostSha256, hostPath, hostFormula, site, lattice, supercell, decorations, seed,
                seedRule, value);
    }

    /** A copy with other decorations and seed (and seed rule). */
    public StructureRecipe withSeeding(int k, long base, String rule) {
        return new StructureRecipe(format, generator, host, hostSha256, hostPath, hostFormula, site, lattice, supercell, k, base, rule, note);
    }

    /** Whether both make structures on the same host (file SHA-256, site), generator and lattice: K and the seed aside. */
    public boolean sameFramework(StructureRecipe other) {
        if (other == null) {
            return false;
        }
        boolean sameHost = hostSha256 != null && other.hostSha256 != null ? hostSha256.equals(other.hostSha256)
                : Objects.equals(host, other.host) && Objects.equals(hostFormula, other.hostFormula);
        return generator.equals(other.generator) && sameHost && Objects.equals(site, other.site) && lattice.equals(other.lattice)
                && Objects.equals(supercell, other.supercell);
    }

    /** One line, e.g. {@code nasicon-framework: host Na4Zr2Si3O12_R-3c.cif (sha256 3f2a91c0), lattice scaled, ...}. */
    public String describe() {
        StringBuilder s = new StringBuilder(generator).append(": host ").append(host == null ? hostFormula : host);
        if (hostSha256 != null) {
            s.append(" (sha256 ").append(hostSha256, 0, Math.min(8, hostSha256.length())).append(')');
        }
        if (site != null) {
            s.append(", site ").append(site);
        }
        s.append(", lattice ").append(lattice);
        if (supercell != null) {
            s.append(", supercell ").append(supercell);
        }
        s.append(String.format(Locale.ROOT, ", K = %d decorations, seed %d (%s)", decorations, seed, seedRule));
        if (note != null) {
            s.append("; ").append(note);
        }
        return s.toString();
    }

    /** SHA-256 of the JSON of what decides the structures (note and hostPath left out), hex: a stage key or folder name. */
    @JsonIgnore
    public String key() {
        return digest(withNote(null).withHostPath(null).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private StructureRecipe withHostPath(String value) {
        return new StructureRecipe(format, generator, host, hostSha256, value, hostFormula, site, lattice, supercell, decorations, seed, seedRule,
                note);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipe as a JSON tree (e.g. to store it in another document). */
    public JsonNode toTree() {
        return MAPPER.valueToTree(this);
    }

    /**
     * Reads a recipe from JSON text.
     *
     * @throws IOException when it is not a recipe of format {@value #FORMAT}
     */
    public static StructureRecipe fromJson(String json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    /**
     * Reads a recipe from a JSON tree, or from an object such as the maps Jackson reads from a model.json.
     *
     * @throws IOException when it is not a recipe of format {@value #FORMAT}
     */
    public static StructureRecipe fromTree(Object tree) throws IOException {
        JsonNode node = tree instanceof JsonNode n ? n : MAPPER.valueToTree(tree);
        if (node == null || !node.isObject()) {
            throw new IOException("a structure recipe is a JSON object, not " + node);
        }
        if (node.path("format").asInt(-1) != FORMAT) {
            throw new IOException("structure recipe of format " + node.path("format") + "; this version reads format " + FORMAT);
        }
        try {
            return MAPPER.treeToValue(node, StructureRecipe.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException("invalid structure recipe (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code folder/recipe.json}. */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(FILE), toJson() + "\n");
    }

    /** {@code folder/recipe.json}, or null when the folder has none. */
    public static StructureRecipe read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructureRecipe r && format == r.format && generator.equals(r.generator) && Objects.equals(host, r.host)
                && Objects.equals(hostSha256, r.hostSha256) && Objects.equals(hostFormula, r.hostFormula) && Objects.equals(site, r.site)
                && lattice.equals(r.lattice) && Objects.equals(supercell, r.supercell) && decorations == r.decorations && seed == r.seed
                && Objects.equals(seedRule, r.seedRule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, generator, host, hostSha256, hostFormula, site, lattice, supercell, decorations, seed, seedRule);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** SHA-256 (hex) of a file's content. */
    public static String sha256(Path file) throws IOException {
        return digest(Files.readAllBytes(file));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

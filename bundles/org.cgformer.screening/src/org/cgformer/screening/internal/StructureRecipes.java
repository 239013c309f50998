package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.CandidateStructures;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Dopant;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.stability.api.NasiconException;
import org.cgformer.stability.api.NasiconFramework;
import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * The structure recipes of a screening run: each model's recipe read from its {@code model.json} (metric
 * {@value ModelDescriptor#RECIPE}), checked against the run's own design-space recipe and turned into the recipe the
 * run builds its structures with (docs/screening.md, "Structure recipes").
 */
final class StructureRecipes {

    private StructureRecipes() {
    }

    /**
     * A model's recipe as the run uses it.
     *
     * @param recipe   the recipe the run builds this model's structures with
     * @param recorded the recipe in the model's model.json, or null when it has none (then {@code recipe} is the run's)
     * @param host     the host file of a {@value StructureRecipe#NASICON_FRAMEWORK} recipe, else null
     * @param note     what the report says about it
     */
    record Resolved(StructureRecipe recipe, StructureRecipe recorded, Path host, String note) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("recipe", recipe.describe());
            m.put("recorded", recorded == null ? "unknown" : recorded.describe());
            m.put("note", note);
            return m;
        }
    }

    /** The recipe recorded in the model.json files of {@code folder}'s members, null when none has one; members must agree. */
    static StructureRecipe recorded(Path folder) throws ScreeningException {
        StructureRecipe first = null;
        Path firstMember = null;
        for (Path member : ModelEnsemble.memberFolders(folder)) {
            Map<String, Object> tree;
            try {
                tree = ModelDescriptor.read(member).recipe();
            } catch (ModelFileException e) {
                throw new ScreeningException(e.getMessage(), e);
            }
            StructureRecipe recipe;
            try {
                recipe = tree == null ? null : StructureRecipe.fromTree(tree);
            } catch (IOException e) {
                throw new ScreeningException(member.resolve(ModelDescriptor.FILE) + ": " + e.getMessage(), e);
            }
            if (firstMember != null && !java.util.Objects.equals(first, recipe)) {
                throw new ScreeningException("the members of " + folder + " were trained on structures of different recipes: " + firstMember
                        + " [" + (first == null ? "none" : first.describe()) + "], " + member + " [" + (recipe == null ? "none" : recipe.describe())
                        + "]");
            }
            first = recipe;
            firstMember = member;
        }
        return first;
    }

    /**
     * What the run builds for a model whose model.json records {@code recorded} (null: unknown).
     *
     * @param run         the run's design-space recipe (its host, site, K and seed)
     * @param hostFolders where to look for a {@value StructureRecipe#NASICON_FRAMEWORK} host file, in order
     * @throws ScreeningException naming both recipes, when the run cannot build the model's recipe or it contradicts the run's
     */
    static Resolved resolve(String role, Path model, StructureRecipe recorded, StructureRecipe run, List<Path> hostFolders)
            throws ScreeningException {
        if (recorded == null) {
            return new Resolved(run, null, null, "recipe unknown: " + model + " records none (trained before recipes were recorded, or on a "
                    + "folder without recipe.json); screened with the run's design-space recipe");
        }
        switch (recorded.generator()) {
            case StructureRecipe.DESIGN_SPACE:
                // the run's host, site, K and seed; the model's own supercell policy (a model knows the cells it was trained on)
                StructureRecipe own = run.withSupercell(recorded.supercell() == null ? StructureRecipe.SMALLEST_INTEGRAL : recorded.supercell());
                if (!recorded.sameFramework(own)) {
                    throw refusal(role, model, recorded, run, "another host, site or lattice than this run's design space");
                }
                String note = recorded.decorations() == run.decorations() && recorded.seed() == run.seed() ? "as trained"
                        : "the run's K and seed (trained with K = " + recorded.decorations() + ", seed " + recorded.seed() + ")";
                return new Resolved(own, recorded, null, note);
            case StructureRecipe.NASICON_FRAMEWORK:
                if (!StructureRecipe.LATTICE_HOST.equals(recorded.lattice()) && !StructureRecipe.LATTICE_SCALED.equals(recorded.lattice())) {
                    throw refusal(role, model, recorded, run, "lattice '" + recorded.lattice() + "' cannot be built");
                }
                Path host = locateHost(recorded, hostFolders);
                if (host == null) {
                    throw refusal(role, model, recorded, run, "its host " + recorded.host() + " (SHA-256 " + recorded.hostSha256()
                            + ") is in none of " + hostFolders);
                }
                // one seed per composition, as training had: seed + enumeration rank here (seed + line number there)
                StructureRecipe built = recorded.withNote(null).withSeeding(recorded.decorations(), run.seed(), StructureRecipe.SEED_PLUS_RANK);
                return new Resolved(built, recorded, host,
                        "as trained (host " + host + "), seed " + run.seed() + " + rank");
            default:
                throw refusal(role, model, recorded, run, "generator '" + recorded.generator() + "' is not built by screening");
        }
    }

    private static ScreeningException refusal(String role, Path model, StructureRecipe recorded, StructureRecipe run, String why) {
        return new ScreeningException("the " + role + " model " + model + " was trained on structures of recipe [" + recorded.describe()
                + "], which this run cannot use (" + why + "); this run's recipe is [" + run.describe() + "]");
    }

    /** The host file of {@code recipe}: its recorded path or its file name in one of the folders, with its SHA-256; null if none. */
    static Path locateHost(StructureRecipe recipe, List<Path> folders) {
        List<Path> candidates = new ArrayList<>();
        if (recipe.hostPath() != null) {
            candidates.add(Path.of(recipe.hostPath()));
        }
        for (Path folder : folders) {
            if (folder != null && recipe.host() != null) {
                candidates.add(folder.resolve(recipe.host()));
            }
        }
        for (Path file : candidates) {
            try {
                if (Files.isRegularFile(file) && (recipe.hostSha256() == null || recipe.hostSha256().equals(StructureRecipe.sha256(file)))) {
                    return file;
                }
            } catch (IOException e) {
                // unreadable: try the next place
            }
        }
        return null;
    }

    /** Sub-folder of {@code structures/} for a recipe: none for the run's own, else generator and the start of its key. */
    static String folderName(StructureRecipe recipe, StructureRecipe run) {
        return recipe.equals(run) ? "" : recipe.generator() + "-" + recipe.key().substring(0, 8);
    }

    /** Makes the CIFs of one recipe; one per thread. */
    interface Builder {
        String cif(DefaultScreeningService.Entry e, long seed) throws DesignException, NasiconException, StructureException;

        String parentCif(String formula, long seed) throws DesignException, NasiconException, StructureException;
    }

    static Builder builder(Resolved resolved, StructureRecipe run, DesignSpace space, List<StructureReader> readers, Path designSpaceFile)
            throws ScreeningException {
        try {
            if (StructureRecipe.DESIGN_SPACE.equals(resolved.recipe().generator())) {
                CandidateStructures structures = CandidateStructures.of(space, readers, resolved.recipe());
                int k = resolved.recipe().decorations();
                return new Builder() {
                    @Override
                    public String cif(DefaultScreeningService.Entry e, long seed) throws DesignException {
                        return structures.cif(e.dopants(), e.na(), k, seed, e.formula());
                    }

                    @Override
                    public String parentCif(String formula, long seed) throws DesignException {
                        return structures.parentCif(k, seed, formula);
                    }
                };
            }
            NasiconFramework framework = NasiconFramework.of(resolved.recipe(), resolved.host(), readers);
            Map<String, Integer> states = oxidationStates(space);
            return new Builder() {
                @Override
                public String cif(DefaultScreeningService.Entry e, long seed) throws NasiconException, StructureException {
                    return framework.cif(NasiconComposition.of(e.formula(), Composition.parse(e.formula()), states), seed, e.formula());
                }

                @Override
                public String parentCif(String formula, long seed) throws NasiconException, StructureException {
                    return framework.cif(NasiconComposition.of(formula, Composition.parse(formula), states), seed, formula);
                }
            };
        } catch (IOException | DesignException | StructureFormatException | NasiconException e) {
            throw new ScreeningException(designSpaceFile + ": cannot build structures of recipe [" + resolved.recipe().describe() + "]: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Octahedral-site oxidation states for the NASICON framework: the stability bundle's table, overridden by the design
     * space's (its host element and pool), so that a candidate's formula reads with the charges that balanced it.
     */
    static Map<String, Integer> oxidationStates(DesignSpace space) {
        Map<String, Integer> states = new LinkedHashMap<>(NasiconComposition.M_SITE_OXIDATION_STATES);
        states.put(space.getSite().getHostElement(), space.getSite().getHostOxidationState());
        for (Dopant d : space.getPool()) {
            states.put(d.getElement(), d.getOxidationState());
        }
        return states;
    }
}

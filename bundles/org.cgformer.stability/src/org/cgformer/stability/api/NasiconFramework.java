package org.cgformer.stability.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.stability.ehull.NasiconStructures;
import org.cgformer.stability.ehull.NasiconStructures.LatticeMode;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * The structures of a {@value StructureRecipe#NASICON_FRAMEWORK} recipe for other bundles (screening): a NASICON
 * composition on the R-3c framework of the recipe's host (M cations on its Zr site, X cations on its Si site, x Na on its
 * Na sites), the lowest Ewald energy of the recipe's K decorations, the lattice kept or scaled as the recipe says; what
 * {@code cgformer dataset ehull} makes (docs/stability.md). Not thread-safe: one instance per thread.
 *
 * @since 1.1
 */
public final class NasiconFramework {

    private final NasiconStructures structures;
    private final StructureRecipe recipe;

    private NasiconFramework(NasiconStructures structures, StructureRecipe recipe) {
        this.structures = structures;
        this.recipe = recipe;
    }

    /**
     * The generator of {@code recipe}, its host read from {@code hostFile} with the installed {@code readers}.
     *
     * @throws NasiconException when the recipe is not a NASICON framework recipe this version builds (generator, lattice,
     *                          supercell), the host file is not the recipe's (SHA-256), or the host lacks the Zr and Si sites
     */
    public static NasiconFramework of(StructureRecipe recipe, Path hostFile, List<StructureReader> readers)
            throws IOException, StructureFormatException, NasiconException {
        if (!StructureRecipe.NASICON_FRAMEWORK.equals(recipe.generator())) {
            throw new NasiconException("recipe '" + recipe.describe() + "' is not a " + StructureRecipe.NASICON_FRAMEWORK + " recipe");
        }
        StructureGenerator.Cell cell;
        try {
            cell = StructureGenerator.Cell.of(recipe.supercell());
        } catch (IllegalArgumentException e) {
            throw new NasiconException("recipe '" + recipe.describe() + "': supercell policy '" + recipe.supercell() + "' is not built by this "
                    + "version (" + e.getMessage() + ")", e);
        }
        String sha = StructureRecipe.sha256(hostFile);
        if (recipe.hostSha256() != null && !recipe.hostSha256().equals(sha)) {
            throw new NasiconException("recipe '" + recipe.describe() + "' names a host with SHA-256 " + recipe.hostSha256() + "; " + hostFile
                    + " has " + sha);
        }
        NasiconStructures structures = new NasiconStructures(StructureReader.readFile(readers, hostFile).structure(), hostFile.toString(),
                latticeMode(recipe), recipe.decorations(), cell);
        return new NasiconFramework(structures, recipe);
    }

    /** The recipe {@code cgformer dataset ehull} writes for its settings ({@code lattice} scaled or kept), on the conventional cell. */
    public static StructureRecipe recipe(Path hostFile, String lattice, int decorations, long seed) throws IOException {
        String mode = LatticeMode.parse(lattice) == LatticeMode.SCALED ? StructureRecipe.LATTICE_SCALED : StructureRecipe.LATTICE_HOST;
        return StructureRecipe.nasiconFramework(hostFile, null, mode, decorations, seed, StructureRecipe.SEED_PLUS_LINE);
    }

    /**
     * The recipe {@code cgformer dataset ehull} writes for its settings, with the supercell policy {@code cell}
     * ({@code primitive} or {@code conventional}, {@link StructureRecipe#supercellPolicy}).
     *
     * @since 1.2
     */
    public static StructureRecipe recipe(Path hostFile, String lattice, String cell, int decorations, long seed) throws IOException {
        return recipe(hostFile, lattice, decorations, seed).withSupercell(cell);
    }

    private static LatticeMode latticeMode(StructureRecipe recipe) throws NasiconException {
        return switch (recipe.lattice()) {
            case StructureRecipe.LATTICE_SCALED -> LatticeMode.SCALED;
            case StructureRecipe.LATTICE_HOST, "kept" -> LatticeMode.KEPT;
            default -> throw new NasiconException("recipe '" + recipe.describe() + "': lattice '" + recipe.lattice() + "' is neither "
                    + StructureRecipe.LATTICE_HOST + " nor " + StructureRecipe.LATTICE_SCALED);
        };
    }

    public StructureRecipe recipe() {
        return recipe;
    }

    /**
     * The P1 CIF (with oxidation states) of {@code composition}, the decoration chosen with {@code seed}.
     *
     * @throws NasiconException when no supercell holds the counts exactly or a Shannon radius for the scale is missing
     */
    public String cif(NasiconComposition composition, long seed, String name) throws NasiconException {
        return structures.make(composition, seed, name).cif();
    }
}

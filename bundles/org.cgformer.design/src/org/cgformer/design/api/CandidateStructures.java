package org.cgformer.design.api;

import java.io.IOException;
import java.util.List;

import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * Structure generation for the candidates of a design space, for other bundles (screening, the
 * workbench): the ordered supercell of the host with the candidate's dopants, charge-balanced mobile-ion
 * content and the lowest Ewald energy of K random decorations, as a P1 CIF with oxidation states
 * (docs/design-space.md, "Structure generation"). Not thread-safe: one instance per thread.
 *
 * @since 1.1
 */
public final class CandidateStructures {

    private final StructureGenerator generator;
    private final DesignSpace designSpace;

    private CandidateStructures(StructureGenerator generator, DesignSpace designSpace) {
        this.generator = generator;
        this.designSpace = designSpace;
    }

    /**
     * A generator for {@code designSpace}; its host structure is read with the installed {@code readers}.
     *
     * @throws IOException              when the host file cannot be read
     * @throws StructureFormatException when no reader makes a structure of the host file
     * @throws DesignException          when the host does not have the substituted site or lacks oxidation states
     */
    public static CandidateStructures of(DesignSpace designSpace, List<StructureReader> readers)
            throws IOException, StructureFormatException, DesignException {
        return new CandidateStructures(new StructureGenerator(designSpace,
                StructureReader.readFile(readers, DesignSpaceResources.hostStructurePath(designSpace)).structure()), designSpace);
    }

    /**
     * A generator for {@code designSpace} with the supercell policy of {@code recipe} ({@link StructureRecipe#SMALLEST_INTEGRAL},
     * {@link StructureRecipe#SMALLEST_PRIMITIVE} or, since 1.5, the occupancy-weighted {@link StructureRecipe#PRIMITIVE_OCCUPANCY},
     * whose CIFs have mixed sites and are the same for every seed); its host structure is read with the installed {@code readers}.
     *
     * @throws DesignException also when the recipe is not a {@value StructureRecipe#DESIGN_SPACE} recipe
     * @since 1.4
     */
    public static CandidateStructures of(DesignSpace designSpace, List<StructureReader> readers, StructureRecipe recipe)
            throws IOException, StructureFormatException, DesignException {
        if (!StructureRecipe.DESIGN_SPACE.equals(recipe.generator())) {
            throw new DesignException("recipe '" + recipe.describe() + "' is not a " + StructureRecipe.DESIGN_SPACE + " recipe");
        }
        return new CandidateStructures(new StructureGenerator(designSpace,
                StructureReader.readFile(readers, DesignSpaceResources.hostStructurePath(designSpace)).structure(), cell(recipe)), designSpace);
    }

    private static StructureGenerator.Cell cell(StructureRecipe recipe) throws DesignException {
        try {
            return StructureGenerator.Cell.of(recipe.supercell());
        } catch (IllegalArgumentException e) {
            throw new DesignException("recipe '" + recipe.describe() + "': supercell policy '" + recipe.supercell() + "' is not built by this "
                    + "version (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The CIF text of one candidate.
     *
     * @param dopants          element symbols of the dopants (pool entries)
     * @param mobileIonContent mobile ions per formula unit (charge balance)
     * @param decorations      random decorations tried, K (at least 1)
     * @param seed             random seed of the decorations; {@code cgformer design generate} uses seed + rank
     * @param name             the CIF data block name, e.g. the formula
     * @throws DesignException when the candidate cannot be built (counts not integral in any supercell, more
     *                         mobile ions than sites, an element without an oxidation state)
     */
    public String cif(List<String> dopants, double mobileIonContent, int decorations, long seed, String name) throws DesignException {
        if (decorations < 1) {
            throw new DesignException("decorations must be at least 1, not " + decorations);
        }
        if (!generator.cell().ordered()) {
            return generator.average(dopants, mobileIonContent).toCif(name); // the mean of all decorations: K and seed play no part
        }
        GeneratedStructure structure = generator.generate(dopants, mobileIonContent, decorations, seed);
        return structure.toCif(name);
    }

    /**
     * The CIF text of the undoped parent (the host formula, e.g. Na3Zr2Si2PO12): the host element alone on the
     * substituted site and the host's mobile-ion content, ordered and Ewald-ranked exactly as the candidates are, so
     * that a model's prediction for it is a reference made the same way (Delta Eb = candidate - parent). The
     * supercell is the smallest that orders the parent, which may be smaller than the candidates'.
     *
     * @throws DesignException when the parent cannot be ordered (e.g. a mobile-ion content that fits no supercell)
     * @since 1.2
     */
    public String parentCif(int decorations, long seed, String name) throws DesignException {
        if (decorations < 1) {
            throw new DesignException("decorations must be at least 1, not " + decorations);
        }
        StructureGenerator.SiteOccupation hostOnly = new StructureGenerator.SiteOccupation(designSpace.getSite().getLabel(),
                List.of(designSpace.getSite().getHostElement()), List.of(1.0), List.of(designSpace.getSite().getHostOxidationState()));
        if (!generator.cell().ordered()) {
            return generator.averageSites(List.of(hostOnly), designSpace.getMobileIonContent()).toCif(name);
        }
        return generator.generateSites(List.of(hostOnly), designSpace.getMobileIonContent(), decorations, seed).toCif(name);
    }

    /**
     * The parent's formula as the design space names it ({@code hostFormula}).
     *
     * @since 1.2
     */
    public String parentFormula() {
        return designSpace.getHostFormula();
    }
}

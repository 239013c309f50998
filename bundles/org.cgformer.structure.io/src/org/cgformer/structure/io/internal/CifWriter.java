package org.cgformer.structure.io.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.cgformer.structure.api.StructureWriter;

/**
 * Writes a structure as a CIF in P 1 with every site listed, as pymatgen's CifWriter: mixed sites
 * become one row per species at the same position (read back as one mixed site), oxidation states
 * go to {@code _atom_type_oxidation_number}. Coordinates are written with full double precision.
 */
public class CifWriter implements StructureWriter {

    @Override
    public String formatName() {
        return "CIF";
    }

    @Override
    public boolean canWrite(String fileName) {
        return StructureReader.extension(fileName).equals("cif");
    }

    @Override
    public String write(Structure structure, String name) {
        StringBuilder cif = new StringBuilder();
        cif.append("# written by CGformer Workbench\n");
        cif.append("data_").append(blockName(name, structure)).append('\n');
        cell(cif, structure.lattice());
        cif.append("_chemical_formula_sum '").append(structure.formula()).append("'\n");
        cif.append("_symmetry_space_group_name_H-M 'P 1'\n");
        cif.append("_symmetry_Int_Tables_number 1\n");
        cif.append("loop_\n _symmetry_equiv_pos_site_id\n _symmetry_equiv_pos_as_xyz\n  1  'x, y, z'\n");
        if (structure.hasOxidationStates()) {
            atomTypes(cif, structure);
        }
        atomSites(cif, structure);
        return cif.toString();
    }

    private static String blockName(String name, Structure structure) {
        String base = name == null || name.isBlank() ? structure.reducedFormula() : name;
        return base.replaceAll("\\s+", "_");
    }

    private static void cell(StringBuilder cif, Lattice lattice) {
        double[] p = lattice.parameters();
        String[] tags = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta",
            "_cell_angle_gamma"};
        for (int i = 0; i < 6; i++) {
            cif.append(String.format(Locale.ROOT, "%-18s %.10f%n", tags[i], p[i]));
        }
        cif.append(String.format(Locale.ROOT, "%-18s %.8f%n", "_cell_volume", lattice.volume()));
    }

    private static void atomTypes(StringBuilder cif, Structure structure) {
        Map<String, Double> types = new LinkedHashMap<>();
        for (Site site : structure.sites()) {
            for (Species species : site.occupancies().keySet()) {
                types.put(species.toString(), species.oxidationState().orElse(0));
            }
        }
        cif.append("loop_\n _atom_type_symbol\n _atom_type_oxidation_number\n");
        types.forEach((symbol, oxidation) -> cif.append(String.format(Locale.ROOT, "  %s  %s%n", symbol, plain(oxidation))));
    }

    private static void atomSites(StringBuilder cif, Structure structure) {
        cif.append("loop_\n _atom_site_type_symbol\n _atom_site_label\n _atom_site_symmetry_multiplicity\n")
                .append(" _atom_site_fract_x\n _atom_site_fract_y\n _atom_site_fract_z\n _atom_site_occupancy\n");
        Map<String, Integer> labelCounts = new HashMap<>();
        structure.sites().forEach(s -> labelCounts.merge(label(s), 1, Integer::sum));
        Map<String, Integer> used = new HashMap<>();
        for (Site site : structure.sites()) {
            String label = label(site);
            if (labelCounts.get(label) > 1) {
                // CIF labels must be unique; keep the orbit name visible before the running number
                label = label + "_" + used.merge(label, 1, Integer::sum);
            }
            for (Map.Entry<Species, Double> e : site.occupancies().entrySet()) {
                // 17 decimals: the value reads back unchanged, so sites 1e-4 apart (the merging tolerance) stay
                // apart, and the reader does not take it for a rounded third (it rounds 0.6667 to 2/3)
                cif.append(String.format(Locale.ROOT, "  %s  %s  1  %.17f  %.17f  %.17f  %s%n", e.getKey(), label, site.x(),
                        site.y(), site.z(), plain(e.getValue())));
            }
        }
    }

    private static String label(Site site) {
        String label = site.label() == null || site.label().isBlank() ? site.majoritySpecies().symbol() : site.label();
        return label.replaceAll("\\s+", "_");
    }

    /** Shortest text that reads back as the same double. */
    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

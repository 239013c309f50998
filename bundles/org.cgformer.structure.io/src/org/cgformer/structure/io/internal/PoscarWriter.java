package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureWriter;

/**
 * Writes VASP 5 POSCAR files in direct coordinates. Site order is kept: consecutive sites of one
 * element form one group, so an element may appear more than once in the species line.
 */
public class PoscarWriter implements StructureWriter {

    @Override
    public String formatName() {
        return "POSCAR";
    }

    @Override
    public boolean canWrite(String fileName) {
        return new PoscarReader().canRead(fileName);
    }

    @Override
    public String write(Structure structure, String name) {
        if (!structure.isOrdered()) {
            throw new StructureException("POSCAR holds ordered structures only; " + structure.formula()
                    + " has partially occupied or mixed sites");
        }
        StringBuilder poscar = new StringBuilder();
        poscar.append(name == null || name.isBlank() ? structure.formula() : name.replace('\n', ' ')).append('\n');
        poscar.append("1.0\n");
        for (double[] row : structure.lattice().matrix()) {
            poscar.append(String.format(Locale.ROOT, "  %.12f  %.12f  %.12f%n", row[0], row[1], row[2]));
        }
        groups(structure, poscar);
        poscar.append("direct\n");
        for (Site site : structure.sites()) {
            poscar.append(String.format(Locale.ROOT, "  %.12f  %.12f  %.12f %s%n", site.x(), site.y(), site.z(),
                    site.majoritySpecies().symbol()));
        }
        return poscar.toString();
    }

    private static void groups(Structure structure, StringBuilder poscar) {
        List<Element> elements = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Site site : structure.sites()) {
            Element element = site.majoritySpecies().element();
            if (elements.isEmpty() || elements.get(elements.size() - 1) != element) {
                elements.add(element);
                counts.add(0);
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        StringBuilder symbols = new StringBuilder();
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            symbols.append("  ").append(elements.get(i).symbol());
            numbers.append("  ").append(counts.get(i));
        }
        poscar.append(symbols).append('\n').append(numbers).append('\n');
    }
}

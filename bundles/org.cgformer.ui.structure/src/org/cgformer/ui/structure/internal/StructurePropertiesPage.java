package org.cgformer.ui.structure.internal;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/** The properties page: formula, lattice, volume, density, space group and the sites with occupancies. */
public final class StructurePropertiesPage extends Composite {

    private final Text summary;
    private final Table sites;

    StructurePropertiesPage(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(1, false));
        summary = new Text(this, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(this, SWT.NONE).setText("Sites (after symmetry expansion):");
        sites = new Table(this, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        sites.setHeaderVisible(true);
        sites.setLinesVisible(true);
        sites.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String title : new String[] {"#", "label", "species (occupancy)", "x", "y", "z", "total occupancy"}) {
            TableColumn column = new TableColumn(sites, SWT.LEFT);
            column.setText(title);
            column.setWidth(title.startsWith("species") ? 220 : 90);
        }
    }

    public void show(ReadResult.NamedStructure named, String error) {
        sites.removeAll();
        if (named == null) {
            summary.setText(error == null ? "No structure" : "Cannot read the file: " + error);
            layout(true, true);
            return;
        }
        Structure s = named.structure();
        Lattice l = s.lattice();
        StringBuilder text = new StringBuilder();
        if (error != null) {
            text.append("Cannot read the file: ").append(error).append("\n(last structure that could be read:)\n");
        }
        text.append(String.format(Locale.ROOT, "Name: %s%nFormula: %s (reduced %s)%n", named.name(), s.formula(),
                s.reducedFormula()));
        text.append(String.format(Locale.ROOT, "Lattice: a = %.4f, b = %.4f, c = %.4f Å; α = %.3f, β = %.3f, γ = %.3f°%n",
                l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma()));
        text.append(String.format(Locale.ROOT, "Volume: %.3f Å³   Density: %.4f g/cm³   Sites: %d (%s)%n", s.volume(),
                s.density(), s.size(), s.isOrdered() ? "ordered" : "disordered"));
        text.append("Space group (as given in the file): ").append(named.spaceGroupAsGiven());
        summary.setText(text.toString());
        for (int i = 0; i < s.size(); i++) {
            Site site = s.site(i);
            TableItem item = new TableItem(sites, SWT.NONE);
            item.setText(new String[] {Integer.toString(i + 1), site.label(), occupancies(site.occupancies()),
                    fmt(site.x()), fmt(site.y()), fmt(site.z()), fmt(site.totalOccupancy())});
        }
        layout(true, true);
    }

    private static String occupancies(Map<Species, Double> occupancies) {
        return occupancies.entrySet().stream().map(e -> e.getKey() + " " + fmt(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    public String summaryText() {
        return summary.getText();
    }

    public Table sitesTable() {
        return sites;
    }
}

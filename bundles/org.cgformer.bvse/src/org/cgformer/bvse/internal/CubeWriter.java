package org.cgformer.bvse.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.EnergyLandscape;
import org.cgformer.bvse.api.IonSite;

/**
 * Writes a landscape as a Gaussian cube file (VESTA, Avogadro and our workbench read it): lengths in
 * bohr, values in eV above the landscape minimum, points inside framework cations set to
 * {@value #INSIDE_CATION_EV} eV so viewers get a finite number.
 */
final class CubeWriter {

    static final double BOHR_PER_ANGSTROM = 1.8897261245;
    static final double INSIDE_CATION_EV = 100;

    private CubeWriter() {
    }

    static void write(Path file, BvseResult result, List<IonSite> sites, SoftBvTable table) throws IOException {
        EnergyLandscape landscape = result.landscape();
        double[][] m = landscape.lattice();
        int[] n = landscape.shape();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("BVSE landscape of " + result.mobileIon() + ", eV above the minimum; " + SoftBvTable.PAIR_FILE + "\n");
            out.write(BvseResult.CONVENTION + "\n");
            out.write(String.format(Locale.ROOT, "%5d %12.6f %12.6f %12.6f%n", sites.size(), 0.0, 0.0, 0.0));
            for (int d = 0; d < 3; d++) {
                out.write(String.format(Locale.ROOT, "%5d %12.6f %12.6f %12.6f%n", n[d], m[d][0] / n[d] * BOHR_PER_ANGSTROM,
                        m[d][1] / n[d] * BOHR_PER_ANGSTROM, m[d][2] / n[d] * BOHR_PER_ANGSTROM));
            }
            for (IonSite site : sites) {
                double[] p = Lattices.toCartesian(m, Lattices.wrap(site.fracCoords()));
                out.write(String.format(Locale.ROOT, "%5d %12.6f %12.6f %12.6f %12.6f%n", table.atomicNumber(site.symbol()),
                        (double) site.oxidationState(), p[0] * BOHR_PER_ANGSTROM, p[1] * BOHR_PER_ANGSTROM,
                        p[2] * BOHR_PER_ANGSTROM));
            }
            writeValues(out, landscape);
        }
    }

    private static void writeValues(BufferedWriter out, EnergyLandscape landscape) throws IOException {
        float[] energies = landscape.energies();
        int nc = landscape.shape()[2];
        StringBuilder line = new StringBuilder();
        for (int start = 0; start < energies.length; start += nc) {
            // the cube format breaks lines every 6 values and after each (i, j) column
            for (int k = 0; k < nc; k++) {
                float e = energies[start + k];
                double value = Float.isFinite(e) ? e - landscape.minimum() : INSIDE_CATION_EV;
                line.append(String.format(Locale.ROOT, " %12.5e", value));
                if (k % 6 == 5 || k == nc - 1) {
                    out.write(line.append('\n').toString());
                    line.setLength(0);
                }
            }
        }
    }
}

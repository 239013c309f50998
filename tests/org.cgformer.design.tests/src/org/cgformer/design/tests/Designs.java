package org.cgformer.design.tests;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.design.model.ChargeBalanceRule;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.Dopant;
import org.cgformer.design.model.ElementTagExclusionRule;
import org.cgformer.design.model.IonicRadiusMismatchRule;
import org.cgformer.design.model.RadiusMismatchMetric;
import org.cgformer.design.model.SubstitutedSite;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Small design spaces built in code for hand-checked rule effects. */
final class Designs {

    static final Path EXAMPLE = Path.of(System.getProperty("cgformer.examples", "../../examples"), "nasicon-zr-site.designspace");
    static final Path HOST_CIF = Path.of(System.getProperty("cgformer.shared.data", "../../../shared/data"),
            "nasicon", "Na3Zr2Si2PO12_R-3c_average.cif");

    private Designs() {
    }

    /**
     * Na3Zr2Si2PO12, Zr kept, equimolar; the pool is "Mg2", "Nb5", "Cd2:toxic" style entries and
     * every dopant is used (one combination) unless {@code dopantCount} is smaller.
     */
    /** The design space's host structure, read with the installed CIF reader service (as the commands do). */
    static Structure host(DesignSpace designSpace) throws Exception {
        return StructureReader.readFile(readers(), DesignSpaceResources.hostStructurePath(designSpace)).structure();
    }

    /** The installed structure reader services. */
    static List<StructureReader> readers() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(Designs.class).getBundleContext();
        ServiceTracker<StructureReader, StructureReader> tracker = new ServiceTracker<>(context, StructureReader.class, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            return List.of(tracker.getServices(new StructureReader[0]));
        } finally {
            tracker.close();
        }
    }

    static DesignSpace nasicon(int dopantCount, String... pool) {
        DesignSpaceFactory factory = DesignSpaceFactory.eINSTANCE;
        DesignSpace designSpace = factory.createDesignSpace();
        designSpace.setName("hand-picked");
        designSpace.setHostStructure(HOST_CIF.toAbsolutePath().toString());
        designSpace.setHostFormula("Na3Zr2Si2PO12");
        designSpace.setDopantCount(dopantCount);
        SubstitutedSite site = factory.createSubstitutedSite();
        site.setLabel("Zr1");
        site.setHostElement("Zr");
        site.setHostOxidationState(4);
        site.setSitesPerFormulaUnit(2);
        designSpace.setSite(site);
        for (String entry : pool) {
            String[] parts = entry.split(":");
            Dopant dopant = factory.createDopant();
            dopant.setElement(parts[0].replaceAll("[0-9]", ""));
            dopant.setOxidationState(Integer.parseInt(parts[0].replaceAll("[A-Za-z]", "")));
            if (parts.length > 1) {
                dopant.getTags().addAll(List.of(parts[1].split(",")));
            }
            designSpace.getPool().add(dopant);
        }
        return designSpace;
    }

    static DesignSpace nasicon(String... pool) {
        return nasicon(pool.length, pool);
    }

    static ElementTagExclusionRule excluding(String tag) {
        ElementTagExclusionRule rule = DesignSpaceFactory.eINSTANCE.createElementTagExclusionRule();
        rule.setName("exclude " + tag);
        rule.getTags().add(tag);
        return rule;
    }

    static IonicRadiusMismatchRule sizeDisorderAtMost(double limit) {
        IonicRadiusMismatchRule rule = DesignSpaceFactory.eINSTANCE.createIonicRadiusMismatchRule();
        rule.setName("size disorder <= " + limit);
        rule.setMetric(RadiusMismatchMetric.SIZE_DISORDER);
        rule.setLimit(limit);
        return rule;
    }

    static IonicRadiusMismatchRule deviationFromHostAtMost(double limit) {
        IonicRadiusMismatchRule rule = sizeDisorderAtMost(limit);
        rule.setName("deviation from host <= " + limit);
        rule.setMetric(RadiusMismatchMetric.MAX_DEVIATION_FROM_HOST);
        return rule;
    }

    static ChargeBalanceRule naBetween(double min, double max) {
        ChargeBalanceRule rule = DesignSpaceFactory.eINSTANCE.createChargeBalanceRule();
        rule.setName("Na " + min + "-" + max);
        rule.setMinMobileIonContent(min);
        rule.setMaxMobileIonContent(max);
        return rule;
    }
}

package org.cgformer.design.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.Dopant;
import org.cgformer.design.model.ElementTagExclusionRule;
import org.cgformer.design.model.SubstitutedSite;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.design.model.DesignSpacePackage;
import org.cgformer.design.model.internal.ModelRegistration;
import org.cgformer.design.model.util.DesignSpaceResourceFactoryImpl;
import org.cgformer.design.model.util.DesignSpaceResourceImpl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EValidator;
import org.cgformer.design.model.validation.DesignSpaceValidator;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignSpaceModelTest {

    static final Path EXAMPLE = Path.of(System.getProperty("cgformer.examples", "../../examples"), "nasicon-zr-site.designspace");
    static final Path HOST_CIF = Path.of(System.getProperty("cgformer.shared.data", "../../../shared/data"),
            "nasicon", "Na3Zr2Si2PO12_R-3c_average.cif");

    @TempDir
    Path folder;

    @Test
    void readsTheExampleWithItsPoolOf45AndFindsItValid() throws IOException {
        DesignSpace designSpace = DesignSpaceResources.loadDesignSpace(EXAMPLE);
        assertEquals(45, designSpace.getPool().size());
        assertEquals(4, designSpace.getDopantCount());
        assertEquals("Zr", designSpace.getSite().getHostElement());
        assertTrue(designSpace.getSite().isHostKept());
        assertEquals(5, designSpace.getRules().size());
        assertInstanceOf(ElementTagExclusionRule.class, designSpace.getRules().get(0));
        Diagnostic diagnostic = DesignSpaceResources.validate(designSpace);
        assertEquals(Diagnostic.OK, diagnostic.getSeverity(), messages(diagnostic).toString());
    }

    @Test
    void roundTripsThroughXmi() throws IOException {
        DesignSpace original = DesignSpaceResources.loadDesignSpace(EXAMPLE);
        DesignSpace copy = EcoreUtil.copy(original);
        Path file = folder.resolve("copy.designspace");
        DesignSpaceResources.save(copy, file);
        DesignSpace reread = DesignSpaceResources.loadDesignSpace(file);
        assertTrue(EcoreUtil.equals(original, reread), "the saved and re-read design space differs");
        assertTrue(Files.readString(file).contains("http://www.cgformer.org/design/designspace/1.0"));
    }

    @Test
    void rejectsAFileOfAnotherFormatVersionQuotingIt() throws IOException {
        Path file = folder.resolve("future.designspace");
        Files.writeString(file, Files.readString(EXAMPLE).replace("designspace/1.0", "designspace/2.0"));
        IOException error = assertThrows(IOException.class, () -> DesignSpaceResources.loadDesignSpace(file));
        assertTrue(error.getMessage().contains("designspace/2.0"), error.getMessage());
        assertTrue(error.getMessage().contains("future.designspace"), error.getMessage());
    }

    @Test
    void unknownElementIsAnErrorNamingTheDopant() {
        DesignSpace designSpace = valid();
        designSpace.getPool().get(1).setElement("Xx");
        List<String> messages = errors(designSpace);
        assertTrue(messages.contains("dopant 'Xx' (pool entry 2): unknown element 'Xx'"), messages.toString());
    }

    @Test
    void fractionsThatDoNotSumToOneAreAnErrorNamingTheDesignSpace() {
        DesignSpace designSpace = valid();
        designSpace.getFractions().addAll(List.of(0.5, 0.3, 0.3));
        List<String> messages = errors(designSpace);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("design space 'test': fractions [0.5, 0.3, 0.3] sum to 1.1")),
                messages.toString());
    }

    @Test
    void dopantCountLargerThanThePoolIsAnError() {
        DesignSpace designSpace = valid();
        designSpace.setDopantCount(4);
        List<String> messages = errors(designSpace);
        assertTrue(messages.contains("design space 'test': dopantCount 4 must be between 1 and the pool size (3 dopants)"),
                messages.toString());
    }

    @Test
    void missingHostFileIsAnErrorNamingTheFile() {
        DesignSpace designSpace = valid();
        designSpace.setHostStructure(folder.resolve("nowhere.cif").toString());
        List<String> messages = errors(designSpace);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("design space 'test': host structure file '")
                && m.contains("nowhere.cif' not found")), messages.toString());
    }

    @Test
    void oxidationStateWithoutShannonRadiusIsAnErrorUnlessTheRadiusIsGiven() {
        DesignSpace designSpace = valid();
        designSpace.getPool().get(0).setOxidationState(7);   // Mg7+ does not exist
        assertTrue(errors(designSpace).contains("dopant 'Mg' (pool entry 1): no Shannon CN VI radius for Mg+7 in the element data; set ionicRadius"),
                errors(designSpace).toString());
        designSpace.getPool().get(0).setIonicRadius(0.7);
        assertTrue(errors(designSpace).isEmpty(), errors(designSpace).toString());
    }

    @Test
    void keptHostElementInThePoolIsAnError() {
        DesignSpace designSpace = valid();
        designSpace.getPool().get(2).setElement("Zr");
        assertTrue(errors(designSpace).stream().anyMatch(m -> m.startsWith("dopant 'Zr' (pool entry 3): Zr appears twice")),
                errors(designSpace).toString());
    }

    @Test
    void validDesignSpaceHasNoErrors() {
        assertTrue(errors(valid()).isEmpty(), errors(valid()).toString());
    }

    @Test
    void shannonRadiiInSixfoldCoordinationComeFromTheStructureBundlesElementTable() {
        assertEquals(0.72, DesignSpaceValidator.shannonRadiusCn6("Zr", 4).getAsDouble(), 1e-9);
        assertEquals(1.02, DesignSpaceValidator.shannonRadiusCn6("Na", 1).getAsDouble(), 1e-9);
        assertEquals(0.745, DesignSpaceValidator.shannonRadiusCn6("Sc", 3).getAsDouble(), 1e-9);
        assertEquals(0.83, DesignSpaceValidator.shannonRadiusCn6("Mn", 2).getAsDouble(), 1e-9, "high spin where spins differ");
        assertTrue(DesignSpaceValidator.shannonRadiusCn6("Zr", 2).isEmpty());
        assertTrue(DesignSpaceValidator.shannonRadiusCn6("Xx", 2).isEmpty());
        assertFalse(DesignSpaceValidator.isKnownElement("Xx"));
        assertFalse(DesignSpaceValidator.isKnownElement(null));
    }

    @Test
    void fileExtensionsAreRegisteredGlobally() throws InterruptedException {
        // Equinox reads plugin.xml; the DS component ModelRegistration registers the same on any framework
        URI uri = URI.createFileURI("any.designspace");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap().containsKey("designspace")
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertInstanceOf(DesignSpaceResourceImpl.class, Resource.Factory.Registry.INSTANCE.getFactory(uri).createResource(uri));
        assertInstanceOf(DesignSpaceResourceImpl.class, Resource.Factory.Registry.INSTANCE.getFactory(URI.createFileURI("a.designresults"))
                .createResource(URI.createFileURI("a.designresults")));
    }

    @Test
    void theRegistrationComponentRegistersFactoryAndValidatorAndRemovesOnlyItsOwn() {
        var extensions = Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap();
        Object before = extensions.remove("designresults");
        try {
            ModelRegistration registration = new ModelRegistration();
            registration.activate();
            assertInstanceOf(DesignSpaceResourceFactoryImpl.class, extensions.get("designresults"));
            assertInstanceOf(DesignSpaceValidator.class, EValidator.Registry.INSTANCE.get(DesignSpacePackage.eINSTANCE));
            registration.deactivate();
            assertFalse(extensions.containsKey("designresults"));
        } finally {
            if (before != null) {
                extensions.put("designresults", before);
            }
        }
    }

    /** Three dopants, choose two, Zr kept, a host file that exists. */
    static DesignSpace valid() {
        DesignSpaceFactory factory = DesignSpaceFactory.eINSTANCE;
        DesignSpace designSpace = factory.createDesignSpace();
        designSpace.setName("test");
        designSpace.setHostStructure(HOST_CIF.toAbsolutePath().toString());
        designSpace.setDopantCount(2);
        SubstitutedSite site = factory.createSubstitutedSite();
        site.setLabel("Zr1");
        site.setHostElement("Zr");
        site.setHostOxidationState(4);
        site.setSitesPerFormulaUnit(2);
        designSpace.setSite(site);
        for (String element : List.of("Mg", "Al", "Nb")) {
            Dopant dopant = factory.createDopant();
            dopant.setElement(element);
            dopant.setOxidationState(switch (element) { case "Mg" -> 2; case "Al" -> 3; default -> 5; });
            designSpace.getPool().add(dopant);
        }
        return designSpace;
    }

    private static List<String> errors(DesignSpace designSpace) {
        return DesignSpaceResources.validate(designSpace).getChildren().stream()
                .filter(d -> d.getSeverity() >= Diagnostic.ERROR)
                .peek(d -> assertEquals(DesignSpaceValidator.DIAGNOSTIC_SOURCE, d.getSource(), d.getMessage()))
                .map(Diagnostic::getMessage).toList();
    }

    private static List<String> messages(Diagnostic diagnostic) {
        return diagnostic.getChildren().stream().map(Diagnostic::getMessage).toList();
    }
}

package org.cgformer.design.model.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpacePackage;
import org.cgformer.design.model.util.DesignSpaceResourceFactoryImpl;
import org.cgformer.design.model.validation.DesignSpaceValidator;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.common.util.WrappedException;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.Diagnostician;
import org.eclipse.emf.ecore.impl.EValidatorRegistryImpl;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.eclipse.emf.ecore.xmi.XMLResource;

/**
 * Reading, writing and validating {@code .designspace} and {@code .designresults} files. Works the
 * same in OSGi (Equinox or Felix) and in a plain JVM: the resource set it creates carries its own
 * package, factory and validator registrations instead of relying on the global registries.
 */
public final class DesignSpaceResources {

    /** A design space written by a user. */
    public static final String DESIGN_SPACE_EXTENSION = "designspace";
    /** What the commands computed from a design space (a sibling file; the design space is never rewritten). */
    public static final String RESULTS_EXTENSION = "designresults";
    public static final List<String> FILE_EXTENSIONS = List.of(DESIGN_SPACE_EXTENSION, RESULTS_EXTENSION);

    private DesignSpaceResources() {
    }

    /** A resource set that reads and writes both file kinds, independent of global registrations. */
    public static ResourceSet newResourceSet() {
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getPackageRegistry().put(DesignSpacePackage.eNS_URI, DesignSpacePackage.eINSTANCE);
        DesignSpaceResourceFactoryImpl factory = new DesignSpaceResourceFactoryImpl();
        for (String extension : FILE_EXTENSIONS) {
            resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap().put(extension, factory);
        }
        return resourceSet;
    }

    /** Loads the design space in {@code file}; the message of a failure names the file. */
    public static DesignSpace loadDesignSpace(Path file) throws IOException {
        return load(file, DesignSpace.class);
    }

    /** Loads a results file written by {@link #save}. */
    public static DesignResults loadResults(Path file) throws IOException {
        return load(file, DesignResults.class);
    }

    /** The results file that belongs to a design-space file: same folder, same name, {@code .designresults}. */
    public static Path resultsFileFor(Path designSpaceFile) {
        String name = designSpaceFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return designSpaceFile.resolveSibling(stem + "." + RESULTS_EXTENSION);
    }

    /** Writes {@code root} (with everything it contains) to {@code file}, UTF-8 XMI. */
    public static void save(EObject root, Path file) throws IOException {
        Resource resource = newResourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
        resource.getContents().add(root);
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 100);
        resource.save(options);
    }

    /** Validates {@code root} and its contents with {@link DesignSpaceValidator}. */
    public static Diagnostic validate(EObject root) {
        EValidator.Registry registry = new EValidatorRegistryImpl();
        registry.put(DesignSpacePackage.eINSTANCE, DesignSpaceValidator.INSTANCE);
        return new Diagnostician(registry).validate(root);
    }

    /**
     * The host CIF of a design space: an absolute path as written, a relative one resolved against
     * the folder of the design-space file (or the working directory when it was never saved).
     */
    public static Path hostStructurePath(DesignSpace designSpace) {
        Path host = Path.of(designSpace.getHostStructure());
        if (host.isAbsolute()) {
            return host;
        }
        Resource resource = designSpace.eResource();
        if (resource != null && resource.getURI() != null && resource.getURI().isFile()) {
            Path folder = Path.of(resource.getURI().toFileString()).toAbsolutePath().getParent();
            return folder.resolve(host).normalize();
        }
        return host.toAbsolutePath();
    }

    /**
     * A copy of the design space with every rule switched off (all combinations pass the funnel; the rules are only
     * reported). The copy has no resource, so its host structure path is made absolute against the original's file.
     */
    public static DesignSpace unfilteredCopy(DesignSpace designSpace) {
        DesignSpace copy = org.eclipse.emf.ecore.util.EcoreUtil.copy(designSpace);
        copy.getRules().forEach(rule -> rule.setEnabled(false));
        if (designSpace.getHostStructure() != null) {
            copy.setHostStructure(hostStructurePath(designSpace).toString());
        }
        return copy;
    }

    private static <T> T load(Path file, Class<T> type) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        Resource resource;
        try {
            resource = newResourceSet().getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        } catch (WrappedException e) {
            throw new IOException(file + ": " + describe(e.exception()), e.exception());
        }
        if (resource.getContents().isEmpty() || !type.isInstance(resource.getContents().get(0))) {
            throw new IOException(file + ": expected a " + type.getSimpleName() + " as the root element, found "
                    + (resource.getContents().isEmpty() ? "nothing" : resource.getContents().get(0).eClass().getName()));
        }
        return type.cast(resource.getContents().get(0));
    }

    private static String describe(Exception e) {
        if (e instanceof PackageNotFoundException missing) {
            return "unsupported format '" + missing.uri() + "' (this version reads " + DesignSpacePackage.eNS_URI + ")";
        }
        return e.getMessage();
    }
}

package org.cgformer.releng.emfgen;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.generator.GeneratorAdapterFactory;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Runs the EMF code generator standalone (as Xtext's EcoreGenerator does) on
 * {@code model/designspace.genmodel} of a model bundle and writes the model code into the bundle's
 * {@code src-gen/}. The genmodel is first reconciled with the .ecore (new classes and features get
 * their Gen* counterparts) and saved, so the committed genmodel always matches the committed code.
 *
 * <p>Usage: {@code GenerateModelCode BUNDLE_DIR}.
 */
public final class GenerateModelCode {

    private static final String BUNDLE = "org.cgformer.design.model";

    private GenerateModelCode() {
    }

    public static void main(String[] args) throws IOException {
        File bundleDir = new File(args.length > 0 ? args[0] : "bundles/" + BUNDLE).getCanonicalFile();
        ResourceSet resourceSet = newResourceSet(bundleDir);
        URI genModelUri = URI.createPlatformResourceURI("/" + BUNDLE + "/model/designspace.genmodel", true);
        URI ecoreUri = URI.createPlatformResourceURI("/" + BUNDLE + "/model/designspace.ecore", true);
        EPackage ePackage = (EPackage) resourceSet.getResource(ecoreUri, true).getContents().get(0);
        Resource genModelResource = resourceSet.getResource(genModelUri, true);
        GenModel genModel = (GenModel) genModelResource.getContents().get(0);
        genModel.initialize(List.of(ePackage));
        genModel.reconcile();
        genModelResource.save(Map.of());
        generate(genModel);
    }

    private static ResourceSet newResourceSet(File bundleDir) {
        EcorePackage.eINSTANCE.eClass();
        GenModelPackage.eINSTANCE.eClass();
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
        Map<String, Object> factories = resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap();
        factories.put("ecore", new EcoreResourceFactoryImpl());
        factories.put("genmodel", new XMIResourceFactoryImpl());
        // platform:/resource/<bundle>/ is where the genmodel says the code goes: map it to the checkout
        URI bundleUri = URI.createFileURI(bundleDir.getPath() + "/");
        EcorePlugin.getPlatformResourceMap().put(BUNDLE, bundleUri);
        resourceSet.getURIConverter().getURIMap().put(URI.createPlatformResourceURI("/" + BUNDLE + "/", true), bundleUri);
        return resourceSet;
    }

    private static void generate(GenModel genModel) {
        GeneratorAdapterFactory.Descriptor.Registry.INSTANCE.addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        genModel.setCanGenerate(true);
        Generator generator = new Generator();
        generator.setInput(genModel);
        Diagnostic diagnostic = generator.generate(genModel, GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                new BasicMonitor.Printing(System.out));
        if (diagnostic.getSeverity() > Diagnostic.WARNING) {
            System.err.println(diagnostic);
            System.exit(1);
        }
        System.out.println("generated " + genModel.getModelDirectory());
    }
}

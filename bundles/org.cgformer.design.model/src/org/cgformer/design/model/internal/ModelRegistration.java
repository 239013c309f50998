package org.cgformer.design.model.internal;

import org.cgformer.design.model.DesignSpacePackage;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.design.model.util.DesignSpaceResourceFactoryImpl;
import org.cgformer.design.model.validation.DesignSpaceValidator;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * Registers the design-space package, its file extensions and its validator in EMF's global
 * registries, in any OSGi framework. Equinox also reads plugin.xml; on Felix nothing else would.
 * Entries already present (from plugin.xml) are left alone, and only our own are removed again.
 */
public class ModelRegistration {

    private final DesignSpaceResourceFactoryImpl factory = new DesignSpaceResourceFactoryImpl();

    public void activate() {
        EPackage.Registry.INSTANCE.put(DesignSpacePackage.eNS_URI, DesignSpacePackage.eINSTANCE);
        var extensions = Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap();
        for (String extension : DesignSpaceResources.FILE_EXTENSIONS) {
            extensions.putIfAbsent(extension, factory);
        }
        EValidator.Registry.INSTANCE.putIfAbsent(DesignSpacePackage.eINSTANCE, DesignSpaceValidator.INSTANCE);
    }

    public void deactivate() {
        var extensions = Resource.Factory.Registry.INSTANCE.getExtensionToFactoryMap();
        for (String extension : DesignSpaceResources.FILE_EXTENSIONS) {
            extensions.remove(extension, factory);
        }
        EValidator.Registry.INSTANCE.remove(DesignSpacePackage.eINSTANCE, DesignSpaceValidator.INSTANCE);
    }
}

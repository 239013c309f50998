package org.cgformer.ui.structure;

import java.nio.file.Path;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;

/**
 * Opening crystal files (CIF, POSCAR/CONTCAR) in the crystal editor, for other UI bundles (the Screening view opens a
 * candidate's structure with it).
 *
 * @since 1.0
 */
public final class CrystalFiles {

    /** Id of the crystal editor (extension point {@code org.eclipse.ui.editors}). */
    public static final String EDITOR_ID = "org.cgformer.ui.structure.editor";

    private CrystalFiles() {
    }

    /**
     * Opens {@code file} in the crystal editor: as the workspace file when it lies in a project (so problems become
     * markers), else as an external file.
     */
    public static IEditorPart open(IWorkbenchPage page, Path file) throws PartInitException {
        IFile[] inWorkspace = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toUri());
        IEditorInput input = inWorkspace.length > 0 && inWorkspace[0].exists() ? new FileEditorInput(inWorkspace[0])
                : new FileStoreEditorInput(EFS.getLocalFileSystem().getStore(file.toUri()));
        return page.openEditor(input, EDITOR_ID);
    }
}

package org.cgformer.ui.structure.internal;

import java.nio.file.Path;

import org.cgformer.ui.structure.CrystalFiles;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** File &gt; Open Crystal File...: opens CIF and POSCAR/CONTCAR files from the file system in the crystal editor. */
public class OpenCrystalFileHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Open Crystal File");
        dialog.setFilterNames(new String[] {"Crystal files (*.cif, POSCAR, CONTCAR, *.vasp)", "All files"});
        dialog.setFilterExtensions(new String[] {"*.cif;*.mcif;POSCAR*;CONTCAR*;*.vasp;*.poscar", "*"});
        if (dialog.open() == null) {
            return null;
        }
        for (String name : dialog.getFileNames()) {
            Path file = Path.of(dialog.getFilterPath(), name);
            try {
                CrystalFiles.open(window.getActivePage(), file);
            } catch (PartInitException e) {
                ErrorDialog.openError(window.getShell(), "Open Crystal File", "Cannot open " + file, e.getStatus());
            }
        }
        return null;
    }
}

package org.cgformer.ui.bvse.internal;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IContainer;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * "Label Dataset with BVSE..." on a folder: asks for the dataset folder (proposed: a sibling {@code <folder>-bvse}; an
 * existing dataset is extended, skipping what it holds) and runs a {@link LabelDatasetJob} at the preference's
 * resolution. Returns the scheduled job, or null when the user cancelled the folder dialog.
 */
public class LabelDatasetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IContainer folder = Selections.selected(event, IContainer.class);
        if (folder == null || folder.getLocation() == null) {
            throw new ExecutionException("Label Dataset with BVSE needs one folder of the workspace selected");
        }
        double resolution = Selections.bvseResolution();
        Path source = folder.getLocation().toPath();
        Path output = askOutput(HandlerUtil.getActiveShellChecked(event), source);
        return output == null ? null : schedule(source, output, resolution);
    }

    /** Starts labelling {@code source} into {@code output}; the job shows in the Progress view and can be cancelled. */
    public static LabelDatasetJob schedule(Path source, Path output, double resolutionAngstrom) {
        LabelDatasetJob job = new LabelDatasetJob(source, output, resolutionAngstrom);
        job.schedule();
        return job;
    }

    private static Path askOutput(Shell shell, Path source) {
        DirectoryDialog dialog = new DirectoryDialog(shell, org.eclipse.swt.SWT.SAVE);
        dialog.setText("Label Dataset with BVSE");
        dialog.setMessage("Dataset folder (id_prop.csv, CIFs, refused.csv, dataset.json); an existing one is extended");
        dialog.setFilterPath(source.resolveSibling(source.getFileName() + "-bvse").toString());
        String chosen = dialog.open();
        return chosen == null ? null : Path.of(chosen);
    }
}

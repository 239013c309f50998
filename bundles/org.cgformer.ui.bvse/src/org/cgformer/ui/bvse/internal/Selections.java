package org.cgformer.ui.bvse.internal;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.handlers.HandlerUtil;

/** What a BVSE action applies to: the selected resource (or the active editor's file), at the preference's resolution. */
final class Selections {

    private Selections() {
    }

    /** The single selected {@code type} (Project Explorer), else the active editor's input as one, else null. */
    static <T> T selected(ExecutionEvent event, Class<T> type) {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        if (selection instanceof IStructuredSelection structured && structured.size() == 1) {
            T adapted = Adapters.adapt(structured.getFirstElement(), type);
            if (adapted != null) {
                return adapted;
            }
        }
        IEditorInput input = HandlerUtil.getActiveEditorInput(event);
        return input == null ? null : Adapters.adapt(input, type);
    }

    /** The preference "BVSE resolution" (Angstrom); a bad stored value stops the action with a message naming it. */
    static double bvseResolution() throws ExecutionException {
        try {
            return CgformerUi.bvseResolution();
        } catch (IllegalArgumentException e) {
            throw new ExecutionException(e.getMessage() + " (Window > Preferences > CGformer)", e);
        }
    }
}

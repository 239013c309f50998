package org.cgformer.ui.structure.internal;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;

/** The source page: a text editor with CIF colouring; markers show as annotations with hovers. */
public final class CrystalTextEditor extends TextEditor {

    CrystalTextEditor() {
        setSourceViewerConfiguration(new TextSourceViewerConfiguration(EditorsUI.getPreferenceStore()) {
            @Override
            public IPresentationReconciler getPresentationReconciler(ISourceViewer sourceViewer) {
                PresentationReconciler reconciler = new PresentationReconciler();
                DefaultDamagerRepairer colouring = new DefaultDamagerRepairer(new CrystalScanner());
                reconciler.setDamager(colouring, IDocument.DEFAULT_CONTENT_TYPE);
                reconciler.setRepairer(colouring, IDocument.DEFAULT_CONTENT_TYPE);
                return reconciler;
            }
        });
    }

    public IDocument document() {
        return getDocumentProvider().getDocument(getEditorInput());
    }

    /** The text widget's styled text, for tests that check the colouring. */
    public org.eclipse.swt.custom.StyledText textWidget() {
        return getSourceViewer().getTextWidget();
    }
}

package org.cgformer.ui.structure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.cgformer.ui.structure.CrystalFiles;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IRegion;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The crystal file editor for CIF and POSCAR/CONTCAR: a Source page (coloured text, problem markers
 * from the reader's issues with their lines), a Structure page (the cell in 3-D) and a Properties page.
 * The text is read again with the installed {@link StructureReader} service a moment after each edit,
 * so the picture follows the text; a file that does not parse shows the reader's message.
 */
public class CrystalEditor extends MultiPageEditorPart {

    public static final String ID = CrystalFiles.EDITOR_ID;

    /** Problem markers of this editor (transient, replaced on each read). */
    public static final String MARKER_TYPE = "org.cgformer.ui.structure.problem";

    public static final int SOURCE_PAGE = 0;
    public static final int STRUCTURE_PAGE = 1;
    public static final int PROPERTIES_PAGE = 2;

    /** Quiet time after the last keystroke before the text is read again. */
    static final int REPARSE_DELAY_MILLIS = 400;

    private ServiceTracker<StructureReader, StructureReader> readers;
    private CrystalTextEditor text;
    private StructureView structureView;
    private StructurePropertiesPage propertiesPage;
    private CrystalOutlinePage outlinePage;
    private ReadResult.NamedStructure lastRead;
    private String error;
    private List<ParseIssue> issues = List.of();
    private final Runnable reparse = this::reparse;
    private final IDocumentListener documentListener = new IDocumentListener() {
        @Override
        public void documentAboutToBeChanged(DocumentEvent event) {
        }

        @Override
        public void documentChanged(DocumentEvent event) {
            scheduleReparse();
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        super.init(site, input);
        setPartName(input.getName());
        readers = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), StructureReader.class, null);
        readers.open();
    }

    @Override
    protected void createPages() {
        text = new CrystalTextEditor();
        try {
            setPageText(addPage(text, getEditorInput()), "Source");
        } catch (PartInitException e) {
            ILog.of(getClass()).error("Cannot open the text of " + getEditorInput().getName(), e);
            return;
        }
        structureView = new StructureView(getContainer());
        setPageText(addPage(structureView), "Structure");
        propertiesPage = new StructurePropertiesPage(getContainer());
        setPageText(addPage(propertiesPage), "Properties");
        text.document().addDocumentListener(documentListener);
        reparse();
        setActivePage(STRUCTURE_PAGE);
    }

    private void scheduleReparse() {
        if (getContainer() == null || getContainer().isDisposed()) {
            return;
        }
        getContainer().getDisplay().timerExec(-1, reparse);
        getContainer().getDisplay().timerExec(REPARSE_DELAY_MILLIS, reparse);
    }

    /** Reads the current text and updates the pictures, the outline and the markers. */
    public void reparse() {
        if (structureView == null || structureView.isDisposed()) {
            return;
        }
        String name = getEditorInput().getName();
        String content = text.document().get();
        List<ParseIssue> found = new ArrayList<>();
        error = null;
        Optional<StructureReader> reader = StructureReader.forFile(readers.getTracked().values(), name);
        if (reader.isEmpty()) {
            error = name + ": no reader for this kind of file (installed: " + readers.getTracked().values().stream()
                    .map(StructureReader::formatName).sorted().toList() + ")";
        } else {
            try {
                ReadResult result = reader.get().read(name, content);
                found.addAll(result.issues());
                if (result.structures().isEmpty()) {
                    error = name + ": no structure in the file";
                } else {
                    lastRead = result.first();
                }
            } catch (StructureFormatException e) {
                error = e.getMessage();
                found.addAll(e.issues());
                if (found.stream().noneMatch(i -> i.severity() == ParseIssue.Severity.ERROR && i.line() == e.line())) {
                    found.add(ParseIssue.error(name, e.line(), e.getMessage()));
                }
            } catch (RuntimeException e) {
                // a structure the reader could not build (zero volume, overlapping sites): show it, do not crash
                error = name + ": " + e.getMessage();
                found.add(ParseIssue.error(name, 0, String.valueOf(e.getMessage())));
            }
        }
        issues = List.copyOf(found);
        showResult();
        updateMarkers();
    }

    private void showResult() {
        if (error == null) {
            try {
                structureView.setStructure(lastRead.structure());
            } catch (RuntimeException e) {
                error = getEditorInput().getName() + ": cannot draw the structure: " + e.getMessage();
            }
        }
        if (error != null) {
            structureView.setError(error);
        }
        propertiesPage.show(lastRead, error);
        if (outlinePage != null) {
            outlinePage.setNodes(CrystalOutline.of(getEditorInput().getName(), text.document().get()));
        }
    }

    private void updateMarkers() {
        if (!(getEditorInput() instanceof IFileEditorInput fileInput) || !fileInput.getFile().exists()) {
            return;
        }
        IFile file = fileInput.getFile();
        try {
            ResourcesPlugin.getWorkspace().run((IProgressMonitor monitor) -> {
                file.deleteMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
                for (ParseIssue issue : issues) {
                    IMarker marker = file.createMarker(MARKER_TYPE);
                    marker.setAttribute(IMarker.MESSAGE, issue.message());
                    marker.setAttribute(IMarker.SEVERITY,
                            issue.severity() == ParseIssue.Severity.ERROR ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
                    marker.setAttribute(IMarker.LINE_NUMBER, Math.max(1, issue.line()));
                    marker.setAttribute(IMarker.LOCATION, issue.line() > 0 ? "line " + issue.line() : file.getName());
                }
            }, file, IWorkspace.AVOID_UPDATE, null);
        } catch (CoreException e) {
            ILog.of(getClass()).error("Cannot update the problem markers of " + file.getFullPath(), e);
        }
    }

    /** Shows 1-based {@code line} on the Source page. */
    public void revealLine(int line) {
        setActivePage(SOURCE_PAGE);
        try {
            IRegion region = text.document().getLineInformation(Math.max(0, line - 1));
            text.selectAndReveal(region.getOffset(), region.getLength());
        } catch (BadLocationException e) {
            // the outline is older than the text: nothing to select
        }
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (outlinePage == null) {
                outlinePage = new CrystalOutlinePage(this::revealLine);
                if (text != null) {
                    outlinePage.setNodes(CrystalOutline.of(getEditorInput().getName(), text.document().get()));
                }
            }
            return adapter.cast(outlinePage);
        }
        if (adapter == IGotoMarker.class) {
            return adapter.cast((IGotoMarker) marker -> {
                setActivePage(SOURCE_PAGE);
                IDE.gotoMarker(text, marker);
            });
        }
        return super.getAdapter(adapter);
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        text.doSave(monitor);
    }

    @Override
    public void doSaveAs() {
        text.doSaveAs();
        setInput(text.getEditorInput());
        setPartName(text.getEditorInput().getName());
    }

    @Override
    public boolean isSaveAsAllowed() {
        return true;
    }

    @Override
    public void dispose() {
        if (getContainer() != null && !getContainer().isDisposed()) {
            getContainer().getDisplay().timerExec(-1, reparse);
        }
        if (text != null && text.getDocumentProvider() != null && text.document() != null) {
            text.document().removeDocumentListener(documentListener);
        }
        if (readers != null) {
            readers.close();
        }
        super.dispose();
    }

    /** Shows page {@link #SOURCE_PAGE}, {@link #STRUCTURE_PAGE} or {@link #PROPERTIES_PAGE}. */
    public void showPage(int page) {
        setActivePage(page);
    }

    public IDocument document() {
        return text.document();
    }

    public StructureView structureView() {
        return structureView;
    }

    public StructurePropertiesPage propertiesPage() {
        return propertiesPage;
    }

    public CrystalTextEditor textEditor() {
        return text;
    }

    /** The reader's message when the current text does not parse, else null. */
    public String error() {
        return error;
    }

    public List<ParseIssue> issues() {
        return issues;
    }
}

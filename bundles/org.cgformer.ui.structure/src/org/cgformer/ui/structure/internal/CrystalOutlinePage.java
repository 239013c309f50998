package org.cgformer.ui.structure.internal;

import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** Outline view page of the crystal editor: data blocks, loops and their tags; a click shows the line. */
public final class CrystalOutlinePage extends ContentOutlinePage {

    private final IntConsumer revealLine;
    private List<CrystalOutline.Node> nodes = List.of();

    CrystalOutlinePage(IntConsumer revealLine) {
        this.revealLine = revealLine;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        getTreeViewer().setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((CrystalOutline.Node) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((CrystalOutline.Node) element).children().isEmpty();
            }
        });
        getTreeViewer().setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CrystalOutline.Node) element).label();
            }
        });
        getTreeViewer().setInput(nodes);
        getTreeViewer().expandToLevel(2);
        getTreeViewer().addSelectionChangedListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof CrystalOutline.Node node) {
                revealLine.accept(node.line());
            }
        });
    }

    public void setNodes(List<CrystalOutline.Node> newNodes) {
        this.nodes = newNodes;
        if (getTreeViewer() != null && !getTreeViewer().getControl().isDisposed()) {
            getTreeViewer().setInput(newNodes);
            getTreeViewer().expandToLevel(2);
        }
    }

    public List<CrystalOutline.Node> nodes() {
        return nodes;
    }
}

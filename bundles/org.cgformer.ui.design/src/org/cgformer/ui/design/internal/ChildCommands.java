package org.cgformer.ui.design.internal;

import java.util.List;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;

/** Undoable structural edits of the model: adding a new child object and removing one. */
final class ChildCommands {

    private ChildCommands() {
    }

    /** Adds {@code child} to containment {@code reference} of {@code owner} (appends to lists, sets single ones). */
    static final class Add extends AbstractCommand {

        private final EObject owner;
        private final EReference reference;
        private final EObject child;
        private Object previous;

        Add(EObject owner, EReference reference, EObject child) {
            super("Add " + child.eClass().getName());
            this.owner = owner;
            this.reference = reference;
            this.child = child;
        }

        @Override
        protected boolean prepare() {
            return reference.isContainment() && reference.getEReferenceType().isInstance(child);
        }

        @Override
        public void execute() {
            if (reference.isMany()) {
                list(owner, reference).add(child);
            } else {
                previous = owner.eGet(reference);
                owner.eSet(reference, child);
            }
        }

        @Override
        public void undo() {
            if (reference.isMany()) {
                list(owner, reference).remove(child);
            } else {
                owner.eSet(reference, previous);
            }
        }

        @Override
        public void redo() {
            execute();
        }
    }

    /** Removes {@code child} from its container (the design space itself cannot be removed). */
    static final class Remove extends AbstractCommand {

        private final EObject child;
        private EObject owner;
        private EReference reference;
        private int index;

        Remove(EObject child) {
            super("Remove " + child.eClass().getName());
            this.child = child;
        }

        @Override
        protected boolean prepare() {
            return child.eContainer() != null;
        }

        @Override
        public void execute() {
            owner = child.eContainer();
            reference = child.eContainmentFeature();
            if (reference.isMany()) {
                index = list(owner, reference).indexOf(child);
            }
            EcoreUtil.remove(child);
        }

        @Override
        public void undo() {
            if (reference.isMany()) {
                list(owner, reference).add(index, child);
            } else {
                owner.eSet(reference, child);
            }
        }

        @Override
        public void redo() {
            execute();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<EObject> list(EObject owner, EReference reference) {
        return (List<EObject>) owner.eGet(reference);
    }
}

package org.cgformer.ui.design.internal;

import java.util.ArrayList;
import java.util.Collection;

import org.eclipse.emf.common.command.AbstractCommand;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;

/** Sets one attribute of a model object, undoably (the EMF command stack's unit of change). */
final class SetAttributeCommand extends AbstractCommand {

    private final EObject owner;
    private final EAttribute attribute;
    private final Object newValue;
    private Object oldValue;

    SetAttributeCommand(EObject owner, EAttribute attribute, Object newValue) {
        super("Set " + attribute.getName());
        this.owner = owner;
        this.attribute = attribute;
        this.newValue = newValue;
    }

    @Override
    protected boolean prepare() {
        return attribute.isChangeable();
    }

    @Override
    public void execute() {
        oldValue = copy(owner.eGet(attribute));
        owner.eSet(attribute, newValue);
    }

    @Override
    public void undo() {
        owner.eSet(attribute, oldValue);
    }

    @Override
    public void redo() {
        owner.eSet(attribute, newValue);
    }

    @Override
    public Collection<?> getAffectedObjects() {
        return java.util.List.of(owner);
    }

    /** Many-valued attributes are live lists: keep a copy of the old content. */
    private static Object copy(Object value) {
        return value instanceof Collection<?> list ? new ArrayList<>(list) : value;
    }
}

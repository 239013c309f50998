package org.cgformer.ui;

/** Identifiers other UI bundles use to place their views and actions in the CGformer workbench. */
public final class CgformerUi {

    /** The CGformer perspective: navigator left, editors centre, progress and problems below. */
    public static final String PERSPECTIVE_ID = "org.cgformer.ui.perspective";

    /** Folder at the bottom of the perspective where views such as training progress are stacked. */
    public static final String BOTTOM_FOLDER_ID = "org.cgformer.ui.bottom";

    /** Folder at the left of the perspective, holding the Project Explorer. */
    public static final String LEFT_FOLDER_ID = "org.cgformer.ui.left";

    private CgformerUi() {
    }
}

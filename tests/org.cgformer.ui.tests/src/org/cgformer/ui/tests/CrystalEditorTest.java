package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.cgformer.structure.api.Structure;
import org.cgformer.ui.structure.internal.CrystalEditor;
import org.cgformer.ui.structure.internal.CrystalOutline;
import org.cgformer.ui.structure.internal.CrystalOutlinePage;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The crystal editor on the shared NASICON CIF: picture, properties, outline, edits, errors as markers. */
class CrystalEditorTest {

    private static IProject project;

    @BeforeAll
    static void importFiles() throws Exception {
        project = Ui.project("crystals");
        Ui.importFile(project, Ui.sharedData("nasicon/Na4Zr2Si3O12_R-3c.cif"), "Na4Zr2Si3O12_R-3c.cif");
    }

    @AfterAll
    static void removeProject() throws Exception {
        Ui.page().closeAllEditors(false);
        project.delete(true, true, null);
    }

    @Test
    void drawsTheNasiconCellAndFollowsTextEdits() throws Exception {
        IFile file = project.getFile("Na4Zr2Si3O12_R-3c.cif");
        CrystalEditor editor = (CrystalEditor) IDE.openEditor(Ui.page(), file, CrystalEditor.ID);
        Ui.settle(500);
        assertNull(editor.error(), "the shared CIF reads");
        Structure structure = editor.structureView().structure();
        assertNotNull(structure);
        assertEquals(9.1863, structure.lattice().a(), 1e-4);
        assertEquals(22.181, structure.lattice().c(), 1e-4);
        // R-3c hexagonal setting: Z = 6 formula units of Na4Zr2Si3O12
        assertEquals(24.0, structure.composition().amount("Na"), 1e-6);
        assertEquals(12.0, structure.composition().amount("Zr"), 1e-6);
        assertEquals(structure.size(), editor.structureView().scene().balls().size());
        assertTrue(editor.structureView().scene().sticks().size() > structure.size(), "Zr-O, Si-O and Na-O bonds drawn");
        editor.structureView().rotate(0.4, 0.2);
        Ui.screenshot(editor, "crystal-editor-structure.png");

        editor.structureView().setRepeat(2, 1, 1);
        assertEquals(2 * structure.size(), editor.structureView().scene().balls().size());
        Ui.screenshot(editor, "crystal-editor-structure-2x1x1.png");
        editor.structureView().setRepeat(1, 1, 1);

        // edit the c axis in the text: the picture follows
        IDocument document = editor.document();
        int offset = document.get().indexOf("22.181(2)");
        document.replace(offset, "22.181(2)".length(), "25.0");
        Ui.waitUntil("the structure to follow the edit of c", 5000,
                () -> Math.abs(editor.structureView().structure().lattice().c() - 25.0) < 1e-9);
        assertTrue(editor.isDirty());
        assertTrue(editor.propertiesPage().summaryText().contains("c = 25.0000"), editor.propertiesPage().summaryText());

        // a value that is not a number: the error with its line, as marker and on the structure page
        offset = document.get().indexOf("_cell_length_c") + "_cell_length_c ".length();
        int line = document.getLineOfOffset(offset) + 1;
        document.replace(offset, "25.0".length(), "2x5.0");
        Ui.waitUntil("the reader's error", 5000, () -> editor.error() != null);
        assertTrue(editor.error().contains(":" + line + ":") && editor.error().contains("'2x5.0' is not a number"),
                editor.error());
        assertNotNull(editor.structureView().errorText(), "the error is shown on the structure page, not a blank");
        assertNotNull(editor.structureView().structure(), "the last good structure stays visible under the error");
        IMarker[] markers = file.findMarkers(CrystalEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO);
        IMarker error = Arrays.stream(markers).filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR)
                .findFirst().orElseThrow(() -> new AssertionError("no error marker among " + markers.length));
        assertEquals(line, error.getAttribute(IMarker.LINE_NUMBER, -1));
        assertTrue(error.getAttribute(IMarker.MESSAGE, "").contains("is not a number"));
        Ui.page().showView(IPageLayout.ID_PROBLEM_VIEW);
        Ui.screenshot("crystal-editor-error-structure.png");
        editor.revealLine(line);
        Ui.screenshot("crystal-editor-error-source.png");

        // undo the broken edit: the error and its marker go away
        document.replace(document.get().indexOf("2x5.0"), "2x5.0".length(), "25.0");
        Ui.waitUntil("the error to clear", 5000, () -> editor.error() == null);
        assertNull(editor.structureView().errorText());
        assertEquals(0, Arrays.stream(file.findMarkers(CrystalEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).count());
        editor.doSave(null);
        assertFalse(editor.isDirty());
    }

    @Test
    void showsPropertiesOutlineAndColouredSource() throws Exception {
        IFile file = project.getFile("Na4Zr2Si3O12_R-3c.cif");
        CrystalEditor editor = (CrystalEditor) IDE.openEditor(Ui.page(), file, CrystalEditor.ID);
        Ui.settle(300);
        Structure structure = editor.structureView().structure();
        assertEquals(structure.size(), editor.propertiesPage().sitesTable().getItemCount());
        String summary = editor.propertiesPage().summaryText();
        assertTrue(summary.contains("R -3 c H") && summary.contains("Volume") && summary.contains("Density"), summary);

        Ui.page().showView(IPageLayout.ID_OUTLINE);
        CrystalOutlinePage outline = (CrystalOutlinePage) editor.getAdapter(IContentOutlinePage.class);
        List<CrystalOutline.Node> blocks = outline.nodes();
        assertEquals(1, blocks.size());
        assertEquals("data_nasicon", blocks.get(0).label());
        assertTrue(blocks.get(0).children().stream().anyMatch(n -> n.label().startsWith("loop_ _atom_site_label (9 tags, 6 rows)")),
                blocks.get(0).children().toString());

        editor.showPage(CrystalEditor.PROPERTIES_PAGE);
        Ui.screenshot(editor, "crystal-editor-properties.png");
        editor.revealLine(blocks.get(0).line());
        String text = editor.document().get();
        StyleRange tag = editor.textEditor().textWidget().getStyleRangeAtOffset(text.indexOf("_cell_length_a") + 2);
        StyleRange reserved = editor.textEditor().textWidget().getStyleRangeAtOffset(text.indexOf("loop_") + 1);
        assertNotNull(tag, "tags are coloured");
        assertNotNull(reserved, "loop_ is coloured");
        assertFalse(new RGB(0, 0, 0).equals(tag.foreground.getRGB()));
        assertFalse(tag.foreground.getRGB().equals(reserved.foreground.getRGB()), "tags and reserved words differ");
        Ui.screenshot("crystal-editor-source.png");
    }

    @Test
    void readsPoscarFiles() throws Exception {
        String poscar = """
                NaCl rock salt
                1.0
                5.64 0 0
                0 5.64 0
                0 0 5.64
                Na Cl
                4 4
                Direct
                0 0 0
                0.5 0.5 0
                0.5 0 0.5
                0 0.5 0.5
                0.5 0 0
                0 0.5 0
                0 0 0.5
                0.5 0.5 0.5
                """;
        IFile file = project.getFile("POSCAR");
        file.create(new ByteArrayInputStream(poscar.getBytes(StandardCharsets.UTF_8)), true, null);
        CrystalEditor editor = (CrystalEditor) IDE.openEditor(Ui.page(), file);
        Ui.settle(300);
        assertNull(editor.error());
        assertEquals(8, editor.structureView().structure().size());
        // each of the 8 ions has 6 neighbours at 2.82 A: 48 half-bonds
        assertEquals(48, editor.structureView().scene().sticks().size());
        Ui.screenshot("crystal-editor-poscar.png");
    }
}

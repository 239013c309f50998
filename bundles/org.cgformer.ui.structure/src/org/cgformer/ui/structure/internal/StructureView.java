package org.cgformer.ui.structure.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cgformer.structure.api.Structure;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;

/**
 * The structure page: the unit cell in 3-D, ball-and-stick, drawn with SWT's GC by the painter's
 * algorithm (orthographic projection, far primitives first). Left drag rotates, right or middle drag
 * (or Shift + left drag) pans, the wheel zooms, a double click resets the view. Spinners repeat the
 * cell 1-3 times along a, b and c. When the text does not parse, a banner shows the error above the
 * last structure that did.
 */
public final class StructureView extends Composite {

    private static final int MAX_REPEAT = 3;
    private static final RGB EDGE = new RGB(60, 60, 60);
    private static final RGB BACKGROUND = new RGB(255, 255, 255);

    private final Label banner;
    private final Canvas canvas;
    private final Spinner[] repeats = new Spinner[3];
    private final Label summary;

    private Structure structure;
    private StructureScene scene;
    /** Rows of the view rotation (world to screen axes). */
    private double[][] rotation = initialRotation();
    private double zoom = 1;
    private double panX;
    private double panY;
    private int dragButton;
    private boolean dragPans;
    private int lastX;
    private int lastY;

    StructureView(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new GridLayout(1, false));
        Composite bar = new Composite(this, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        bar.setLayout(new GridLayout(9, false));
        String[] axes = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            new Label(bar, SWT.NONE).setText("Repeat " + axes[i] + ":");
            repeats[i] = new Spinner(bar, SWT.BORDER);
            repeats[i].setValues(1, 1, MAX_REPEAT, 0, 1, 1);
            repeats[i].setToolTipText("Number of cells drawn along " + axes[i] + " (1-" + MAX_REPEAT + ")");
            repeats[i].addListener(SWT.Selection, e -> rebuild());
        }
        Button reset = new Button(bar, SWT.PUSH);
        reset.setText("Reset view");
        reset.addListener(SWT.Selection, e -> resetView());
        summary = new Label(bar, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        banner = new Label(this, SWT.WRAP);
        banner.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridData bannerData = new GridData(SWT.FILL, SWT.TOP, true, false);
        bannerData.exclude = true;
        banner.setLayoutData(bannerData);
        banner.setVisible(false);
        canvas = new Canvas(this, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> paint(e.gc));
        hookMouse();
    }

    /** Shows {@code newStructure}; the view angle and zoom are kept, so edits can be watched in place. */
    public void setStructure(Structure newStructure) {
        this.structure = newStructure;
        setError(null);
        rebuild();
    }

    /** Shows {@code message} (file:line: what) above the picture, or hides the banner when null. */
    public void setError(String message) {
        GridData data = (GridData) banner.getLayoutData();
        data.exclude = message == null;
        banner.setVisible(message != null);
        banner.setText(message == null ? "" : "Cannot read the file: " + message
                + (structure == null ? "" : "\n(showing the last structure that could be read)"));
        layout(true, true);
        canvas.redraw();
    }

    public String errorText() {
        return banner.getVisible() ? banner.getText() : null;
    }

    public Structure structure() {
        return structure;
    }

    public StructureScene scene() {
        return scene;
    }

    public void setRepeat(int a, int b, int c) {
        repeats[0].setSelection(a);
        repeats[1].setSelection(b);
        repeats[2].setSelection(c);
        rebuild();
    }

    /** Rotates the view by angles (radians) about the screen's vertical and horizontal axes. */
    public void rotate(double aboutVertical, double aboutHorizontal) {
        rotation = multiply(multiply(rotationX(aboutHorizontal), rotationY(aboutVertical)), rotation);
        canvas.redraw();
    }

    public void zoom(double factor) {
        zoom = Math.max(0.05, Math.min(50, zoom * factor));
        canvas.redraw();
    }

    public double zoomFactor() {
        return zoom;
    }

    private void rebuild() {
        if (structure == null) {
            scene = null;
            summary.setText("");
        } else {
            scene = new StructureScene(structure, repeats[0].getSelection(), repeats[1].getSelection(),
                    repeats[2].getSelection());
            summary.setText(structure.reducedFormula() + ": " + scene.balls().size() + " sites, "
                    + scene.sticks().size() / 2 + " bonds drawn");
        }
        summary.getParent().layout();
        canvas.redraw();
    }

    private void resetView() {
        rotation = initialRotation();
        zoom = 1;
        panX = 0;
        panY = 0;
        canvas.redraw();
    }

    private void hookMouse() {
        canvas.addListener(SWT.MouseDown, e -> {
            dragButton = e.button;
            dragPans = e.button != 1 || (e.stateMask & SWT.SHIFT) != 0;
            lastX = e.x;
            lastY = e.y;
        });
        canvas.addListener(SWT.MouseUp, e -> dragButton = 0);
        canvas.addListener(SWT.MouseMove, e -> {
            if (dragButton == 0) {
                return;
            }
            int dx = e.x - lastX;
            int dy = e.y - lastY;
            lastX = e.x;
            lastY = e.y;
            if (dragPans) {
                panX += dx;
                panY += dy;
                canvas.redraw();
            } else {
                rotate(dx * 0.01, dy * 0.01);
            }
        });
        canvas.addListener(SWT.MouseVerticalWheel, e -> zoom(Math.pow(1.1, e.count > 0 ? 1 : -1)));
        canvas.addMouseListener(new org.eclipse.swt.events.MouseAdapter() {
            @Override
            public void mouseDoubleClick(MouseEvent e) {
                resetView();
            }
        });
    }

    /** One thing to draw, with its depth (larger = nearer the viewer). */
    private record Primitive(double depth, Runnable draw) {
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(new Color(BACKGROUND));
        gc.fillRectangle(area);
        if (scene == null) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText("No structure", 10, 10, true);
            return;
        }
        gc.setAntialias(SWT.ON);
        double scale = zoom * Math.min(area.width, area.height) * 0.48 / scene.radius();
        double cx = area.width / 2.0 + panX;
        double cy = area.height / 2.0 + panY;
        List<Primitive> primitives = new ArrayList<>();
        for (double[][] edge : scene.edges()) {
            double[] p = project(edge[0], scale, cx, cy);
            double[] q = project(edge[1], scale, cx, cy);
            primitives.add(new Primitive((p[2] + q[2]) / 2, () -> {
                gc.setForeground(new Color(EDGE));
                gc.setLineWidth(1);
                gc.drawLine((int) p[0], (int) p[1], (int) q[0], (int) q[1]);
            }));
        }
        int stickWidth = Math.max(2, (int) Math.round(0.18 * scale));
        for (StructureScene.Stick stick : scene.sticks()) {
            double[] p = project(stick.from(), scale, cx, cy);
            double[] q = project(stick.to(), scale, cx, cy);
            primitives.add(new Primitive((p[2] + q[2]) / 2, () -> {
                gc.setForeground(new Color(darker(stick.colour(), 0.85)));
                gc.setLineWidth(stickWidth);
                gc.setLineCap(SWT.CAP_ROUND);
                gc.drawLine((int) p[0], (int) p[1], (int) q[0], (int) q[1]);
            }));
        }
        for (StructureScene.Ball ball : scene.balls()) {
            double[] p = project(ball.cart(), scale, cx, cy);
            int r = Math.max(2, (int) Math.round(ball.radius() * scale));
            primitives.add(new Primitive(p[2] + ball.radius(), () -> drawBall(gc, ball, (int) p[0], (int) p[1], r)));
        }
        primitives.sort(Comparator.comparingDouble(Primitive::depth));
        primitives.forEach(primitive -> primitive.draw().run());
        drawAxes(gc, area);
    }

    private static void drawBall(GC gc, StructureScene.Ball ball, int x, int y, int r) {
        RGB colour = ball.colour();
        gc.setBackground(new Color(darker(colour, 0.7)));
        gc.fillOval(x - r, y - r, 2 * r, 2 * r);
        gc.setBackground(new Color(colour));
        gc.fillOval(x - r + r / 8, y - r + r / 8, 2 * r - r / 3, 2 * r - r / 3);
        gc.setBackground(new Color(lighter(colour, 0.6)));
        int h = Math.max(1, r / 3);
        gc.fillOval(x - r / 2 - h / 2, y - r / 2 - h / 2, h, h);
        if (ball.occupancy() < 1 - 1e-3) {
            // a partially occupied site: a white sector shows the vacant fraction
            gc.setBackground(new Color(255, 255, 255));
            int vacant = (int) Math.round(360 * (1 - ball.occupancy()));
            gc.fillArc(x - r, y - r, 2 * r, 2 * r, 90, vacant);
        }
        gc.setForeground(new Color(darker(colour, 0.5)));
        gc.setLineWidth(1);
        gc.drawOval(x - r, y - r, 2 * r, 2 * r);
    }

    /** The a, b, c directions in the lower-left corner. */
    private void drawAxes(GC gc, Rectangle area) {
        String[] names = {"a", "b", "c"};
        RGB[] colours = {new RGB(200, 0, 0), new RGB(0, 150, 0), new RGB(0, 0, 200)};
        int ox = 40;
        int oy = area.height - 40;
        for (int i = 0; i < 3; i++) {
            double[] v = structure.lattice().vector(i);
            double length = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            double[] s = apply(rotation, new double[] {v[0] / length, v[1] / length, v[2] / length});
            int x = ox + (int) (25 * s[0]);
            int y = oy - (int) (25 * s[1]);
            gc.setForeground(new Color(colours[i]));
            gc.setLineWidth(2);
            gc.drawLine(ox, oy, x, y);
            gc.drawText(names[i], x + 2, y - 8, true);
        }
    }

    /** Screen x, y and depth of a Cartesian point. */
    private double[] project(double[] cart, double scale, double cx, double cy) {
        double[] centre = scene.centre();
        double[] v = apply(rotation, new double[] {cart[0] - centre[0], cart[1] - centre[1], cart[2] - centre[2]});
        return new double[] {cx + scale * v[0], cy - scale * v[1], v[2]};
    }

    /** Looks down c with a slight tilt, the usual first view of a layered or hexagonal cell. */
    private static double[][] initialRotation() {
        return multiply(rotationX(-1.2), rotationY(0.3));
    }

    private static double[][] rotationX(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[][] {{1, 0, 0}, {0, c, -s}, {0, s, c}};
    }

    private static double[][] rotationY(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[][] {{c, 0, s}, {0, 1, 0}, {-s, 0, c}};
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return m;
    }

    private static double[] apply(double[][] m, double[] v) {
        return new double[] {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
                m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
                m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
    }

    private static RGB darker(RGB c, double f) {
        return new RGB((int) (c.red * f), (int) (c.green * f), (int) (c.blue * f));
    }

    private static RGB lighter(RGB c, double f) {
        return new RGB(c.red + (int) ((255 - c.red) * f), c.green + (int) ((255 - c.green) * f),
                c.blue + (int) ((255 - c.blue) * f));
    }
}

package io.wayfinder.ui.common;

import io.wayfinder.graph.ArchGraph;
import io.wayfinder.graph.Drawing;
import io.wayfinder.graph.Palette;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.StrokeType;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Draws a laid-out {@link Drawing}: drag to pan, scroll to zoom around the pointer, double-click to fit. */
public final class GraphView extends Pane {
    private final Group content = new Group();
    private final Map<String, Rectangle> boxes = new HashMap<>();
    private Drawing drawing;
    private double dragX;
    private double dragY;
    private double pressX;
    private double pressY;
    private boolean fitted;
    private String selected;
    private java.util.function.BiConsumer<Drawing.Box, Integer> onBoxClicked;

    public GraphView() {
        getStyleClass().add("graph-view");
        setStyle("-fx-background-color: white;");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        getChildren().add(content);
        setOnMousePressed(e -> {
            pressX = e.getX();
            pressY = e.getY();
            dragX = e.getX() - content.getTranslateX();
            dragY = e.getY() - content.getTranslateY();
        });
        setOnMouseDragged(e -> {
            if (Math.hypot(e.getX() - pressX, e.getY() - pressY) < 4) {
                return;
            }
            content.setTranslateX(e.getX() - dragX);
            content.setTranslateY(e.getY() - dragY);
            fitted = false;
        });
        setOnScroll(e -> {
            double factor = e.getDeltaY() > 0 ? 1.15 : 1 / 1.15;
            zoom(factor, e.getX(), e.getY());
            e.consume();
        });
        setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                fit();
            } else if (Math.hypot(e.getX() - pressX, e.getY() - pressY) < 4 && onBoxClicked != null
                    && drawing != null) {
                javafx.geometry.Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
                Drawing.Box b = drawing.boxAt(p.getX(), p.getY());
                if (b != null) {
                    int line = (int) Math.floor((p.getY() - b.y() - 6) / Palette.LINE) - 1;
                    onBoxClicked.accept(b, Math.max(-1, Math.min(b.node().lines().size() - 1, line)));
                }
            }
        });
        widthProperty().addListener((o, a, b) -> refit());
        heightProperty().addListener((o, a, b) -> refit());
    }

    private void refit() {
        if (fitted) {
            fit();
        }
    }

    /** Shows a drawing, fitted to the view. */
    public void show(Drawing d) {
        this.drawing = d;
        content.getChildren().clear();
        boxes.clear();
        if (d == null) {
            return;
        }
        for (Drawing.Arrow a : d.arrows()) {
            ArchGraph.EdgeKind k = a.edge().kind();
            Polyline line = new Polyline(a.points());
            line.setStroke(Color.web(Palette.stroke(k)));
            line.setStrokeWidth(Palette.width(k));
            double[] dash = Palette.dash(k);
            if (dash != null) {
                line.getStrokeDashArray().setAll(dash[0], dash[1]);
            }
            content.getChildren().addAll(line, head(a.points(), Color.web(Palette.stroke(k))));
        }
        Font plain = Font.font("DejaVu Sans", Palette.FONT_SIZE);
        Font bold = Font.font("DejaVu Sans", FontWeight.BOLD, Palette.FONT_SIZE);
        for (Drawing.Arrow a : d.arrows()) {
            if (a.edge().label() == null || Double.isNaN(a.labelX())) {
                continue;
            }
            Rectangle bg = new Rectangle(a.labelX(), a.labelY(), a.labelWidth(), a.labelHeight());
            bg.setFill(Color.rgb(255, 255, 255, 0.85));
            Text t = text(a.edge().label(), a.labelX() + 3, a.labelY() + Palette.LINE - 4, plain);
            t.setFill(Color.web(Palette.stroke(a.edge().kind())));
            content.getChildren().addAll(bg, t);
        }
        for (Drawing.Box b : d.boxes()) {
            ArchGraph.Role r = b.node().role();
            Rectangle rect = new Rectangle(b.x(), b.y(), b.width(), b.height());
            rect.setArcWidth(12);
            rect.setArcHeight(12);
            rect.setFill(Color.web(Palette.fill(r)));
            rect.setStroke(Color.web(Palette.border(r)));
            rect.setStrokeType(StrokeType.INSIDE);
            rect.setId("box-" + b.node().id());
            boxes.put(b.node().id(), rect);
            content.getChildren().add(rect);
            double y = b.y() + 6 + Palette.LINE - 4;
            content.getChildren().add(text(b.node().title(), b.x() + 10, y, bold));
            for (String line : b.node().lines()) {
                y += Palette.LINE;
                content.getChildren().add(text(line, b.x() + 10, y, plain));
            }
        }
        fitted = true;
        fit();
    }

    /**
     * Calls {@code action} with the box clicked and the index of the text line under the pointer (-1 for the
     * title).
     */
    public void setOnBoxClicked(java.util.function.BiConsumer<Drawing.Box, Integer> action) {
        this.onBoxClicked = action;
    }

    /** Marks one box as selected (a thick blue border); null clears the mark. */
    public void select(String id) {
        selected = id;
        boxes.forEach((bid, rect) -> {
            boolean on = bid.equals(id);
            ArchGraph.Role role = drawing.graph().node(bid).role();
            rect.setStroke(on ? Color.web("#1a73e8") : Color.web(Palette.border(role)));
            rect.setStrokeWidth(on ? 3 : 1);
        });
    }

    public String selected() {
        return selected;
    }

    /** Shows a drawing keeping the current zoom and position (for redraws while editing). */
    public void update(Drawing d) {
        double sx = content.getScaleX();
        double tx = content.getTranslateX();
        double ty = content.getTranslateY();
        boolean wasFitted = fitted || drawing == null;
        show(d);
        if (!wasFitted) {
            content.setScaleX(sx);
            content.setScaleY(sx);
            content.setTranslateX(tx);
            content.setTranslateY(ty);
            fitted = false;
        }
    }

    /** Marks these node ids (a difference from the other trial) with a thick red border. */
    public void highlight(Set<String> ids) {
        boxes.forEach((id, rect) -> {
            boolean on = ids.contains(id);
            ArchGraph.Role role = drawing.graph().node(id).role();
            rect.setStroke(on ? Color.web("#d93025") : Color.web(Palette.border(role)));
            rect.setStrokeWidth(on ? 3 : 1);
        });
    }

    /** The ids of the boxes marked as differences. */
    public Set<String> highlighted() {
        Set<String> out = new java.util.TreeSet<>();
        boxes.forEach((id, rect) -> {
            if (rect.getStrokeWidth() > 2) {
                out.add(id);
            }
        });
        return out;
    }

    public Drawing drawing() {
        return drawing;
    }

    /** Scales and centres the drawing to fill the view. */
    public void fit() {
        if (drawing == null || getWidth() <= 0 || getHeight() <= 0) {
            fitted = true;
            return;
        }
        double s = Math.min(getWidth() / drawing.width(), getHeight() / drawing.height());
        s = Math.min(s, 1.5);
        content.setScaleX(s);
        content.setScaleY(s);
        // Group scales about its centre: place the centre of the drawing at the centre of the view
        content.setTranslateX(getWidth() / 2 - content.getBoundsInLocal().getCenterX());
        content.setTranslateY(getHeight() / 2 - content.getBoundsInLocal().getCenterY());
        fitted = true;
    }

    /** Zooms by {@code factor} keeping the point under ({@code x}, {@code y}) in place. */
    public void zoom(double factor, double x, double y) {
        double s = Math.max(0.1, Math.min(6, content.getScaleX() * factor));
        double f = s / content.getScaleX();
        double cx = content.getTranslateX() + content.getBoundsInLocal().getCenterX();
        double cy = content.getTranslateY() + content.getBoundsInLocal().getCenterY();
        content.setTranslateX(content.getTranslateX() + (1 - f) * (x - cx));
        content.setTranslateY(content.getTranslateY() + (1 - f) * (y - cy));
        content.setScaleX(s);
        content.setScaleY(s);
        fitted = false;
    }

    /** Where a point of the drawing is on the screen (for tests that click a box). */
    public javafx.geometry.Point2D screenPoint(double x, double y) {
        return content.localToScreen(x, y);
    }

    public double scale() {
        return content.getScaleX();
    }

    @Override
    protected void layoutChildren() {
        // the content keeps its own transform
    }

    private static Text text(String s, double x, double y, Font font) {
        Text t = new Text(x, y, s);
        t.setFont(font);
        t.setTextOrigin(VPos.BASELINE);
        return t;
    }

    private static Node head(double[] p, Color c) {
        int n = p.length;
        double x1 = p[n - 4];
        double y1 = p[n - 3];
        double x2 = p[n - 2];
        double y2 = p[n - 1];
        double angle = Math.atan2(y2 - y1, x2 - x1);
        double len = 8;
        Polygon head = new Polygon(x2, y2, x2 - len * Math.cos(angle - 0.4), y2 - len * Math.sin(angle - 0.4),
                x2 - len * Math.cos(angle + 0.4), y2 - len * Math.sin(angle + 0.4));
        head.setFill(c);
        return head;
    }
}

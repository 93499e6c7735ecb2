package io.wayfinder.ui.common;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * "Save as PNG…" for any chart node of the live dashboard: a snapshot at twice the screen resolution, written with
 * ImageIO (no javafx-swing); and "Save as SVG…", drawn from the chart's data by the report's painters
 * ({@link ChartSvg}, or the node itself when it is an {@link SvgSource}).
 */
public final class ChartExport {
    private ChartExport() {
    }

    /** Writes the node as it is on screen, scaled, to a PNG file. */
    public static void png(Node node, double scale, Path file) throws IOException {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(Transform.scale(scale, scale));
        WritableImage img = node.snapshot(p, null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** A node that draws itself from data and can write that drawing as SVG (the heat map, the embedding map). */
    public interface SvgSource {
        String svg(double width, double height);
    }

    /** The chart as SVG, drawn from its data at its size on screen. */
    public static String svg(Node chart) {
        double w = Math.max(200, chart.getLayoutBounds().getWidth());
        double h = Math.max(150, chart.getLayoutBounds().getHeight());
        return chart instanceof SvgSource s ? s.svg(w, h) : ChartSvg.svg(chart, w, h);
    }

    /** Adds a context menu with "Save as PNG…" (and "Save as SVG…" where it can be drawn from data) to a chart. */
    public static void install(Node chart, String name) {
        MenuItem save = new MenuItem("Save as PNG…");
        save.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Save " + name);
            c.setInitialFileName(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
            File f = c.showSaveDialog(chart.getScene().getWindow());
            if (f != null) {
                try {
                    png(chart, 2, f.toPath());
                } catch (IOException | RuntimeException ex) {
                    javafx.scene.control.Alert a = new javafx.scene.control.Alert(
                            javafx.scene.control.Alert.AlertType.ERROR, "could not write " + f + ": " + ex.getMessage());
                    a.showAndWait();
                }
            }
        });
        ContextMenu menu = new ContextMenu(save);
        if (ChartSvg.supports(chart) || chart instanceof SvgSource) {
            MenuItem svg = new MenuItem("Save as SVG…");
            svg.setOnAction(e -> {
                FileChooser c = new FileChooser();
                c.setTitle("Save " + name);
                c.setInitialFileName(name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".svg");
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("SVG", "*.svg"));
                File f = c.showSaveDialog(chart.getScene().getWindow());
                if (f != null) {
                    try {
                        java.nio.file.Files.writeString(f.toPath(), svg(chart));
                    } catch (IOException | RuntimeException ex) {
                        new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                                "could not write " + f + ": " + ex.getMessage()).showAndWait();
                    }
                }
            });
            menu.getItems().add(svg);
        }
        chart.setOnContextMenuRequested(e -> menu.show(chart, e.getScreenX(), e.getScreenY()));
    }
}

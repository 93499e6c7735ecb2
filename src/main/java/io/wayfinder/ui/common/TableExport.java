package io.wayfinder.ui.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;

/**
 * "Save as CSV…" and "Save as Markdown…" for any table of the workbench: the rows as the table holds them (filtered
 * and sorted as shown), one column per visible column, numbers in full precision for CSV and with four decimals for
 * Markdown.
 */
public final class TableExport {
    private TableExport() {
    }

    /** The table's visible columns' headers and, per row, their cell texts. */
    static List<List<String>> cells(TableView<?> table, boolean full) {
        List<List<String>> out = new ArrayList<>();
        List<TableColumn<?, ?>> cols = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            cols.add(c);
        }
        out.add(cols.stream().map(TableColumn::getText).toList());
        for (int r = 0; r < table.getItems().size(); r++) {
            List<String> row = new ArrayList<>();
            for (TableColumn<?, ?> c : cols) {
                Object v = c.getCellData(r);
                row.add(v == null ? "" : v instanceof Double d ? (full ? (Double.isNaN(d) ? "" : d.toString())
                        : Formats.metric(d)) : v.toString());
            }
            out.add(row);
        }
        return out;
    }

    /** RFC 4180 CSV: a header line, then one line per row. */
    public static String csv(TableView<?> table) {
        StringBuilder b = new StringBuilder();
        for (List<String> row : cells(table, true)) {
            for (int i = 0; i < row.size(); i++) {
                String v = row.get(i);
                if (i > 0) {
                    b.append(',');
                }
                b.append(v.contains(",") || v.contains("\"") || v.contains("\n")
                        ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** A GitHub-flavoured Markdown table. */
    public static String markdown(TableView<?> table) {
        StringBuilder b = new StringBuilder();
        List<List<String>> rows = cells(table, false);
        for (int r = 0; r < rows.size(); r++) {
            b.append('|');
            for (String v : rows.get(r)) {
                b.append(' ').append(v.replace("|", "\\|").replace("\n", " ")).append(" |");
            }
            b.append('\n');
            if (r == 0) {
                b.append('|');
                for (int i = 0; i < rows.get(0).size(); i++) {
                    b.append("---|");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Adds "Save as CSV…" and "Save as Markdown…" to the table's context menu. */
    public static void install(TableView<?> table, String name) {
        MenuItem csv = new MenuItem("Save as CSV…");
        csv.setOnAction(e -> save(table, name, "csv"));
        MenuItem md = new MenuItem("Save as Markdown…");
        md.setOnAction(e -> save(table, name, "md"));
        ContextMenu menu = table.getContextMenu() == null ? new ContextMenu() : table.getContextMenu();
        menu.getItems().addAll(csv, md);
        table.setContextMenu(menu);
    }

    private static void save(TableView<?> table, String name, String ext) {
        FileChooser c = new FileChooser();
        c.setTitle("Save " + name);
        c.setInitialFileName(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "." + ext);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.equals("md") ? "Markdown" : "CSV",
                "*." + ext));
        File f = c.showSaveDialog(table.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            Files.writeString(f.toPath(), ext.equals("md") ? markdown(table) : csv(table));
        } catch (IOException | RuntimeException ex) {
            new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                    "could not write " + f + ": " + ex.getMessage()).showAndWait();
        }
    }
}

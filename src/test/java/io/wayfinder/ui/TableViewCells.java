package io.wayfinder.ui;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;

/** Reads what a table shows on screen (its cells' text), not its data. */
final class TableViewCells {
    private TableViewCells() {
    }

    /** The text of the visible cell at (row, column), or null when it is not rendered. */
    static String text(TableView<?> table, int column, int row) {
        for (javafx.scene.Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && c.getTableView() == table && c.getIndex() == row
                    && c.getTableColumn() == table.getVisibleLeafColumn(column)) {
                return c.getText();
            }
        }
        return null;
    }
}

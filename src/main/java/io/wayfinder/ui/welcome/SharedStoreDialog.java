package io.wayfinder.ui.welcome;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks for a shared store's URL ({@code postgresql://[user@]host[:port]/db}) and, optionally, its password. The
 * password is masked, used for this session only and never written to the settings file: without one the driver
 * takes {@code PGPASSWORD} or {@code ~/.pgpass}, which is also what reopening the store from the recent list uses.
 */
final class SharedStoreDialog {
    private SharedStoreDialog() {
    }

    static Optional<String> ask(Window owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Open a shared store");
        d.setHeaderText("A PostgreSQL database that coordinators and workers share (see README, \"Many machines\")");
        TextField url = new TextField();
        url.setId("sharedStoreUrl");
        url.setPromptText("postgresql://user@host:5432/wayfinder");
        url.setPrefColumnCount(36);
        PasswordField password = new PasswordField();
        password.setId("sharedStorePassword");
        password.setPromptText("empty: PGPASSWORD, else ~/.pgpass");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("URL"), url);
        g.addRow(1, new Label("Password"), password);
        Label note = new Label("The password is kept for this session only; the settings file remembers the URL "
                + "without it.");
        note.setWrapText(true);
        note.setMaxWidth(460);
        note.getStyleClass().add("muted");
        g.add(note, 0, 2, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        return d.showAndWait().filter(b -> b == ButtonType.OK && !url.getText().isBlank())
                .map(b -> withPassword(url.getText().strip(), password.getText()));
    }

    /** The URL with the password as a parameter (the store reads it from there and never prints it). */
    static String withPassword(String url, String password) {
        if (password == null || password.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }
}

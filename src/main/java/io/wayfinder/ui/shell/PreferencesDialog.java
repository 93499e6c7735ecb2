package io.wayfinder.ui.shell;

import io.wayfinder.ui.common.UserSettings;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Preferences (saved in the settings file): data directory, workers for searches started here, backend. A new data
 * directory reopens the workbench on the same store so that tasks read from it.
 */
final class PreferencesDialog {
    private PreferencesDialog() {
    }

    static void show(Window owner, UserSettings settings, Consumer<String> reopen, String store) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Preferences");
        d.setHeaderText("Saved in " + settings.file());
        TextField data = new TextField(settings.dataDirectory() == null ? "" : settings.dataDirectory().toString());
        data.setPromptText("default: $WAYFINDER_DATA, else ../shared/datasets, else ./data");
        data.setPrefColumnCount(36);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(d.getDialogPane().getScene().getWindow());
            if (f != null) {
                data.setText(f.getPath());
            }
        });
        Spinner<Integer> workers = new Spinner<>(0, 64, settings.workers());
        workers.setEditable(true);
        ChoiceBox<String> backend = new ChoiceBox<>();
        backend.getItems().add("cpu");
        backend.setValue("cpu");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.addRow(0, new Label("Data directory"), new HBox(6, data, browse));
        g.addRow(1, new Label("Workers"), workers, new Label("trials at once for searches started here; 0 = the project's"));
        g.addRow(2, new Label("Backend"), backend, new Label("ND4J CPU (the CUDA backend is a build profile)"));
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            Path before = settings.dataDirectory();
            Path after = data.getText().isBlank() ? null : Path.of(data.getText().strip()).toAbsolutePath().normalize();
            settings.dataDirectory(after);
            settings.workers(workers.getValue());
            settings.backend(backend.getValue());
            settings.save();
            if (after != null && !after.equals(before)) {
                reopen.accept(store);
            }
        });
    }
}

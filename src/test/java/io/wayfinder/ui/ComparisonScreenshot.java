package io.wayfinder.ui;

import io.wayfinder.ui.shell.MainWindowView;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the workbench on a real window with a comparison of the given runs, for screenshots under Xvfb:
 * {@code java -cp ... io.wayfinder.ui.ComparisonScreenshot STORE ID,ID,... [N]} (N of accuracy-topN).
 */
public final class ComparisonScreenshot {
    /** The application (a nested class: a main class that extends Application needs JavaFX on the module path). */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Path store = Path.of(args.get(0));
        List<Long> ids = Arrays.stream(args.get(1).split(",")).map(Long::parseLong).toList();
        MainWindowView view = Workbench.open(stage, new Workbench.Options(null, store,
                io.wayfinder.TestData.dataDirectory(), store.getParent(), false));
        stage.setWidth(1600);
        stage.setHeight(1000);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        Platform.runLater(() -> {
            ids.forEach(view::selectRun);
            view.compareRuns(ids);
            if (args.size() > 2) {
                // N of accuracy-topN, set on the screen's own spinner
                Platform.runLater(() -> {
                    @SuppressWarnings("unchecked")
                    javafx.scene.control.Spinner<Integer> n = (javafx.scene.control.Spinner<Integer>) stage.getScene()
                            .lookup("#compareTopN");
                    n.getValueFactory().setValue(Integer.parseInt(args.get(2)));
                });
            }
        });
    }

    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }
}

package io.wayfinder.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;

/** Loads a view's FXML with the view itself as controller. */
public final class Fxml {
    private Fxml() {
    }

    public static <T> T load(Object controller, String resource) {
        FXMLLoader loader = new FXMLLoader(controller.getClass().getResource(resource));
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + resource, e);
        }
    }
}

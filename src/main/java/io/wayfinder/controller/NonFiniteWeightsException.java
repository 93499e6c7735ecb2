package io.wayfinder.controller;

/** A controller's weights became NaN or infinite after an update. */
public final class NonFiniteWeightsException extends IllegalStateException {
    public NonFiniteWeightsException(String message) {
        super(message);
    }
}

package io.wayfinder.task;

/** A child that could not be trained to a score: diverged (NaN or infinite loss), ran out of memory, or similar. */
public class ChildFailedException extends RuntimeException {
    public ChildFailedException(String message) {
        super(message);
    }

    public ChildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

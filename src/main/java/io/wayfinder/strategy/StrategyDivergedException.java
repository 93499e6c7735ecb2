package io.wayfinder.strategy;

/**
 * A strategy's learned state became unusable (a controller's weights turned NaN or infinite, typically from too high a
 * learning rate). The search loop stops the run with this message and keeps the last good checkpoint.
 */
public final class StrategyDivergedException extends RuntimeException {
    public StrategyDivergedException(String message, Throwable cause) {
        super(message, cause);
    }
}

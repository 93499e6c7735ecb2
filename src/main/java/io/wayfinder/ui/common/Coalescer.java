package io.wayfinder.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an action on the UI executor at most once per burst of requests: however many background events arrive before
 * the UI thread gets to it, the action runs once. This is how background batches reach the FX thread without a
 * {@code Platform.runLater} per point.
 */
public final class Coalescer {
    private final Executor ui;
    private final Runnable action;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public Coalescer(Executor ui, Runnable action) {
        this.ui = ui;
        this.action = action;
    }

    public void request() {
        if (scheduled.compareAndSet(false, true)) {
            ui.execute(() -> {
                scheduled.set(false);
                action.run();
            });
        }
    }
}

package io.wayfinder.exec;

/**
 * Pause, resume and stop requests for a running search loop, safe to call from any thread (the GUI's service calls
 * them from the FX thread; they only set flags).
 */
public final class SearchControl {
    private volatile boolean stopRequested;
    private boolean paused;

    public void requestStop() {
        stopRequested = true;
        synchronized (this) {
            notifyAll();
        }
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** Blocks the search thread while paused; returns false when a stop was requested. */
    synchronized boolean awaitRunnable() throws InterruptedException {
        while (paused && !stopRequested) {
            wait();
        }
        return !stopRequested;
    }
}

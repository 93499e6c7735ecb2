package io.wayfinder.cli;

import io.wayfinder.exec.SearchListener;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import java.io.PrintStream;
import java.time.Duration;

/** A one-line progress bar (trials done, best so far, ETA), drawn only when output is a terminal. */
final class ConsoleProgress implements SearchListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private long startNanos;
    private int startObserved;
    private double best = Double.NaN;
    private long lastDraw;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ConsoleProgress forStdout() {
        return new ConsoleProgress(System.out, System.console() != null);
    }

    @Override
    public void runStarted(long runId, int observed, int requested) {
        startNanos = System.nanoTime();
        startObserved = observed;
        out.println("run " + runId + ": " + observed + "/" + requested + " trials done"
                + (observed > 0 ? " (resumed)" : ""));
    }

    @Override
    public void trialFinished(TrialRecord trial, int observed, int requested) {
        if (!Double.isNaN(trial.validationMetric()) && (Double.isNaN(best) || trial.validationMetric() > best)) {
            best = trial.validationMetric();
        }
        long now = System.nanoTime();
        if (!terminal || (now - lastDraw < 100_000_000L && observed < requested)) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(observed, requested, now));
        out.flush();
    }

    String line(int observed, int requested, long now) {
        int filled = requested == 0 ? WIDTH : (int) ((long) WIDTH * observed / requested);
        double elapsed = (now - startNanos) / 1e9;
        int done = observed - startObserved;
        String eta = done == 0 ? "?" : format(Duration.ofMillis((long) (1000 * elapsed / done * (requested - observed))));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + observed + "/" + requested
                + "  best " + (Double.isNaN(best) ? "-" : String.format("%.4f", best)) + "  ETA " + eta + "   ";
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public void runEnded(long runId, RunStatus status, String message) {
        if (terminal) {
            out.println();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.println("run " + runId + " " + status.name().toLowerCase() + (message == null ? "" : ": " + message)
                + String.format(" (%.1f s)", seconds));
    }
}

package io.wayfinder.cli;

import io.wayfinder.exec.SearchListener;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a search on the console. On a terminal: a one-line progress bar (trials done, best so far, ETA) redrawn
 * in place. Otherwise (a log file, CI, a pipe): one plain line per finished trial, or one every
 * {@value #QUIET_SECONDS} s when trials are fast (under a second each), and always the last one:
 * <pre>trial 3/8  task fashion-mnist  reward 0.7840  best 0.8120  elapsed 00:02:41  ETA 00:07:10</pre>
 */
final class ConsoleProgress implements SearchListener {
    private static final int WIDTH = 30;
    static final int QUIET_SECONDS = 5;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private List<String> taskNames = List.of();
    private long startNanos;
    private int startObserved;
    private double best = Double.NaN;
    private long lastDraw;
    private long lastLine = Long.MIN_VALUE;

    ConsoleProgress(PrintStream out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    ConsoleProgress(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
    }

    static ConsoleProgress forStdout() {
        return new ConsoleProgress(System.out, System.console() != null);
    }

    /** The run's task names, for the plain lines (task index otherwise). */
    ConsoleProgress tasks(List<String> names) {
        this.taskNames = List.copyOf(names);
        return this;
    }

    /** The best validation value of the trials a resumed run already recorded (so "best" is the run's, not this session's). */
    ConsoleProgress recorded(java.util.List<io.wayfinder.run.TrialRecord> trials) {
        for (io.wayfinder.run.TrialRecord t : trials) {
            if (!Double.isNaN(t.validationMetric()) && (Double.isNaN(best) || t.validationMetric() > best)) {
                best = t.validationMetric();
            }
        }
        return this;
    }

    @Override
    public void runStarted(long runId, int observed, int requested) {
        startNanos = clock.getAsLong();
        lastLine = startNanos;
        startObserved = observed;
        out.println("run " + runId + ": " + observed + "/" + requested + " trials done"
                + (observed > 0 ? " (resumed)" : "")
                + (terminal ? "" : "; one line per finished trial (every " + QUIET_SECONDS + " s when trials are fast)"));
        out.flush();
    }

    @Override
    public void trialFinished(TrialRecord trial, int observed, int requested) {
        if (!Double.isNaN(trial.validationMetric()) && (Double.isNaN(best) || trial.validationMetric() > best)) {
            best = trial.validationMetric();
        }
        long now = clock.getAsLong();
        if (!terminal) {
            boolean slow = trial.durationMillis() >= 1000;
            boolean due = now - lastLine >= QUIET_SECONDS * 1_000_000_000L;
            if (slow || due || observed >= requested) {
                lastLine = now;
                out.println(plainLine(trial, observed, requested, now));
                out.flush();
            }
            return;
        }
        if (now - lastDraw < 100_000_000L && observed < requested) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(observed, requested, now));
        out.flush();
    }

    /** One plain line: trial, task, reward, best so far, elapsed, ETA. */
    String plainLine(TrialRecord trial, int observed, int requested, long now) {
        String task = trial.task() < taskNames.size() ? taskNames.get(trial.task()) : "#" + trial.task();
        String reward = trial.status() == TrialStatus.FAILED ? "failed"
                : Double.isNaN(trial.reward()) ? "-" : String.format(Locale.ROOT, "%.4f", trial.reward());
        return "trial " + observed + "/" + requested + "  task " + task + "  reward " + reward + "  best "
                + (Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.4f", best)) + "  elapsed "
                + format(Duration.ofNanos(now - startNanos)) + "  ETA " + eta(observed, requested, now);
    }

    String line(int observed, int requested, long now) {
        int filled = requested == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(observed, requested) / requested);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + observed + "/" + requested
                + "  best " + (Double.isNaN(best) ? "-" : String.format(Locale.ROOT, "%.4f", best)) + "  ETA "
                + eta(observed, requested, now) + "   ";
    }

    private String eta(int observed, int requested, long now) {
        double elapsed = (now - startNanos) / 1e9;
        int done = observed - startObserved;
        if (observed >= requested) {
            return "00:00:00";
        }
        return done <= 0 ? "?" : format(Duration.ofMillis((long) (1000 * elapsed / done * (requested - observed))));
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public void runEnded(long runId, RunStatus status, String message) {
        if (terminal) {
            out.println();
        }
        double seconds = (clock.getAsLong() - startNanos) / 1e9;
        out.println("run " + runId + " " + status.name().toLowerCase(Locale.ROOT) + (message == null ? "" : ": " + message)
                + String.format(Locale.ROOT, " (%.1f s)", seconds));
        out.flush();
    }
}

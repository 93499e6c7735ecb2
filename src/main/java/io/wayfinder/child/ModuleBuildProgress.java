package io.wayfinder.child;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints the progress of building one embedding module. On a terminal one line redrawn in place; otherwise (a log
 * file, CI, a pipe) one plain line every {@value #PLAIN_EVERY_SECONDS} s and at the end of every stage:
 * <pre>module w2v-cbow-100d: training epoch 1/2  41%  1.1M/2.7M words  612k words/s  elapsed 0:02  ETA 0:03</pre>
 */
public final class ModuleBuildProgress implements Word2VecTrainer.Progress {
    static final int PLAIN_EVERY_SECONDS = 5;
    private final PrintStream out;
    private final boolean terminal;
    private final String module;
    private final LongSupplier clock;
    private final long start;
    private long lastPlain = Long.MIN_VALUE;
    private String lastStage = "";

    public ModuleBuildProgress(PrintStream out, boolean terminal, String module) {
        this(out, terminal, module, System::nanoTime);
    }

    ModuleBuildProgress(PrintStream out, boolean terminal, String module, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.module = module;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Progress on standard error, redrawn in place when it is a terminal. */
    public static ModuleBuildProgress console(String module) {
        return new ModuleBuildProgress(System.err, System.console() != null, module);
    }

    @Override
    public synchronized void report(String stage, long done, long total, double wordsPerSecond) {
        long now = clock.getAsLong();
        String line = line(stage, done, total, wordsPerSecond, (now - start) / 1e9);
        boolean stageChanged = !stage.equals(lastStage);
        lastStage = stage;
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            if (stage.endsWith("done") || stage.startsWith("finished")) {
                out.println();
            }
        } else if (stageChanged || now - lastPlain >= PLAIN_EVERY_SECONDS * 1_000_000_000L) {
            lastPlain = now;
            out.println(line);
        }
        out.flush();
    }

    /** A finished build: how long it took. */
    public void finished(String what, double seconds) {
        report("finished: " + what + String.format(Locale.ROOT, " in %.1f s", seconds), 0, 0, 0);
    }

    String line(String stage, long done, long total, double rate, double elapsed) {
        StringBuilder sb = new StringBuilder("module ").append(module).append(": ").append(stage);
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "  %3d%%  %s/%s words", Math.round(100.0 * done / total),
                    count(done), count(total)));
            if (rate > 0) {
                double eta = (total - done) / rate;
                sb.append(String.format(Locale.ROOT, "  %s words/s  elapsed %s  ETA %s", count(Math.round(rate)),
                        clock(elapsed), clock(eta)));
            }
        } else if (elapsed >= 1 && !stage.startsWith("finished")) {
            sb.append("  elapsed ").append(clock(elapsed));
        }
        return sb.toString();
    }

    static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return Long.toString(n);
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

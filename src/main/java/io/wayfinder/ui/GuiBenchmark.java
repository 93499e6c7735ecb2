package io.wayfinder.ui;

import io.wayfinder.project.ProjectCodec;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.RunStores;
import io.wayfinder.ui.dashboard.DashboardViewModel;
import io.wayfinder.ui.shell.MainWindowView;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * {@code wayfinder bench gui}: how the workbench holds up. (1) Open time of a large stored run (window shown, every
 * trial in the table and charts, one frame drawn) and the frame times while its trial table scrolls. (2) While a
 * tabular search streams at full speed in the workbench's own search service: the FX pulse duration (pulse start to the
 * end of CSS and layout, where ChartFX draws its canvases) and the event-to-screen latency (a trial's observation
 * event to the end of the pulse that shows it). Needs a display (Xvfb is fine).
 */
public final class GuiBenchmark {
    /** What to measure. */
    public record Options(Path bigStore, long bigRun, Path project, Path dataDirectory, Path cacheDirectory,
                          int streamSeconds, String streamScreen) {
    }

    private final Options options;
    private final PrintStream out;

    private GuiBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void run(Options options, PrintStream out) throws Exception {
        Platform.setImplicitExit(false);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        try {
            GuiBenchmark b = new GuiBenchmark(options, out);
            if (options.bigStore() != null) {
                b.openLargeRun("cold JVM");
                b.openLargeRun("warm JVM");
            }
            if (options.project() != null) {
                b.stream();
            }
        } finally {
            Platform.exit();
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, long timeoutMillis, String what) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!onFx(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    /** The nanoTime at the end of the next pulse's layout (called on the FX thread). */
    private static CompletableFuture<Long> nextPulseEnd(Scene scene) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            scene.removePostLayoutPulseListener(self[0]);
            f.complete(System.nanoTime());
        };
        scene.addPostLayoutPulseListener(self[0]);
        Platform.requestNextPulse();
        return f;
    }

    private void openLargeRun(String label) throws Exception {
        int expected;
        try (RunStore s = RunStores.open(options.bigStore())) {
            expected = s.countObserved(options.bigRun());
        }
        long t0 = System.nanoTime();
        Stage[] stage = new Stage[1];
        MainWindowView view = onFx(() -> {
            stage[0] = new Stage();
            MainWindowView v = Workbench.open(stage[0], new Workbench.Options(null, options.bigStore(),
                    options.dataDirectory(), options.cacheDirectory(), false, options.bigRun(), "trials", null));
            stage[0].show();
            return v;
        });
        long shown = System.nanoTime();
        await(() -> view.dashboard() != null && view.dashboard().model().rows().size() == expected, 120_000,
                "the run's trials");
        long loaded = System.nanoTime();
        long drawn = onFx(() -> nextPulseEnd(stage[0].getScene())).get(30, TimeUnit.SECONDS);
        out.printf(Locale.ROOT, "[" + label + "] open run %d (%,d trials): window shown %.2f s, all trials in table and charts %.2f s, "
                + "first frame with them %.2f s%n", options.bigRun(), expected, sec(shown - t0), sec(loaded - t0),
                sec(drawn - t0));

        // the floor this machine sets: frame intervals with nothing changing
        List<Long> idle = frameIntervals(120);
        out.printf(Locale.ROOT, "[" + label + "] idle frames (nothing changing, 120 frames): interval p50 %.1f ms, "
                + "p99 %.1f ms%n", ms(pct(idle, 50)), ms(pct(idle, 99)));

        // scroll the trial table one screen per frame, 240 frames, sorted by reward
        List<Long> frames = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<Object> table = (TableView<Object>) stage[0].getScene().lookup("#trialTable");
            table.getSortOrder().setAll(List.of(table.getColumns().get(3)));
            new AnimationTimer() {
                long last;
                int i;

                @Override
                public void handle(long now) {
                    if (last != 0) {
                        frames.add(now - last);
                    }
                    last = now;
                    table.scrollTo(Math.min(expected - 1, i * 40));
                    if (++i > 240) {
                        stop();
                        done.complete(null);
                    }
                }
            }.start();
            return null;
        });
        done.get(120, TimeUnit.SECONDS);
        out.printf(Locale.ROOT, "[" + label + "] scrolling the sorted trial table (240 frames): frame interval p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", ms(pct(frames, 50)), ms(pct(frames, 99)), ms(pct(frames, 100)));
        onFx(() -> {
            stage[0].hide();
            return null;
        });
    }

    private static List<Long> frameIntervals(int count) throws Exception {
        List<Long> frames = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        onFx(() -> {
            new AnimationTimer() {
                long last;

                @Override
                public void handle(long now) {
                    if (last != 0) {
                        frames.add(now - last);
                    }
                    last = now;
                    if (frames.size() >= count) {
                        stop();
                        done.complete(null);
                    }
                }
            }.start();
            return null;
        });
        done.get(120, TimeUnit.SECONDS);
        return frames;
    }

    private void stream() throws Exception {
        Path dir = Files.createTempDirectory("wayfinder-bench-gui");
        Path store = dir.resolve("stream.db");
        Stage[] stage = new Stage[1];
        MainWindowView view = onFx(() -> {
            stage[0] = new Stage();
            MainWindowView v = Workbench.open(stage[0], new Workbench.Options(null, store, options.dataDirectory(),
                    options.cacheDirectory(), false, -1, null, null));
            v.model().projectProperty().set(ProjectCodec.read(options.project()).withTrialsPerTask(2_000_000));
            stage[0].show();
            return v;
        });
        List<Long> pulses = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long[] pulseStart = {0};
        long[] pendingEvent = {0};
        boolean[] measuring = {false};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart[0] = System.nanoTime();
            }
        };
        Runnable pulseEnd = () -> {
            long now = System.nanoTime();
            if (measuring[0] && pulseStart[0] != 0) {
                pulses.add(now - pulseStart[0]);
            }
            pulseStart[0] = 0;
            if (measuring[0] && pendingEvent[0] != 0) {
                latencies.add(now - pendingEvent[0]);
            }
            pendingEvent[0] = 0;
        };
        onFx(() -> {
            stage[0].getScene().addPostLayoutPulseListener(pulseEnd);
            view.model().dashboardProperty().addListener((o, a, b) -> hook(b, pendingEvent));
            timer.start();
            view.model().startSearch();
            return null;
        });
        await(() -> view.dashboard() != null && view.model().stateProperty().get().startsWith("running"), 60_000,
                "the search to start");
        onFx(() -> {
            view.showScreen(options.streamScreen());
            return null;
        });
        Thread.sleep(1000);
        onFx(() -> measuring[0] = true);
        long t0 = System.nanoTime();
        int rows0 = onFx(() -> view.dashboard().model().rows().size());
        Thread.sleep(options.streamSeconds() * 1000L);
        onFx(() -> measuring[0] = false);
        long t1 = System.nanoTime();
        int rows1 = onFx(() -> view.dashboard().model().rows().size());
        String status = onFx(() -> view.model().trialsProperty().get());
        onFx(() -> {
            view.model().stop();
            timer.stop();
            return null;
        });
        await(() -> !view.model().service().busy(), 60_000, "the search to stop");
        List<Long> p = onFx(() -> new ArrayList<>(pulses));
        List<Long> l = onFx(() -> new ArrayList<>(latencies));
        out.printf(Locale.ROOT, "streaming a tabular search for %d s on the %s screen: %,d trials shown (%.0f/s; service "
                + "reported \"%s\")%n", options.streamSeconds(), options.streamScreen(), rows1 - rows0,
                (rows1 - rows0) / sec(t1 - t0), status);
        out.printf(Locale.ROOT, "  FX pulse (start to end of CSS+layout+chart drawing), %d pulses: p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", p.size(), ms(pct(p, 50)), ms(pct(p, 99)), ms(pct(p, 100)));
        out.printf(Locale.ROOT, "  event-to-screen latency, %d updates: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                l.size(), ms(pct(l, 50)), ms(pct(l, 99)), ms(pct(l, 100)));
        onFx(() -> {
            stage[0].hide();
            return null;
        });
    }

    private static void hook(DashboardViewModel d, long[] pendingEvent) {
        if (d != null) {
            d.latencyProbe(nanos -> {
                if (pendingEvent[0] == 0 || nanos < pendingEvent[0]) {
                    pendingEvent[0] = nanos;
                }
            });
        }
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    static long pct(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.ceil(percentile / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }
}

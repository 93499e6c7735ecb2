package io.wayfinder.ui.dashboard;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.wayfinder.run.AccuracyTopN;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.RunFollower;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.store.RunStore;
import io.wayfinder.ui.common.Coalescer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live dashboard of one run. A {@link RunFollower} thread reads the store and writes straight into the ChartFX
 * data sets under their write locks (the charts redraw once per frame); rows for the trial table and the plain
 * properties reach the UI thread through one coalesced task per batch. Tests pass a synchronous UI executor.
 */
public final class DashboardViewModel implements AutoCloseable {
    public static final int TOP_N = 10;

    private final RunStore store;
    private final long runId;
    private final SearchSpace space;
    private final List<String> taskNames;
    private final Executor ui;

    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final IntegerProperty selectedTask = new SimpleIntegerProperty(0);
    private final IntegerProperty selectedSlot = new SimpleIntegerProperty(0);
    private final IntegerProperty historySize = new SimpleIntegerProperty(0);
    private final IntegerProperty historyIndex = new SimpleIntegerProperty(0);
    private final BooleanProperty followLatest = new SimpleBooleanProperty(true);
    private final StringProperty historyLabel = new SimpleStringProperty("no policy snapshots");
    private final ObjectProperty<double[][]> similarity = new SimpleObjectProperty<>();
    private final ObservableList<TrialRow> rows = FXCollections.observableArrayList();
    private final IntegerProperty bestVersion = new SimpleIntegerProperty();

    private final List<DoubleDataSet> bars = new ArrayList<>();
    private final List<DoubleDataSet> evolution = new ArrayList<>();
    private final DoubleDataSet reward = new DoubleDataSet("reward");
    private final DoubleDataSet validationTop = new DoubleDataSet("validation accuracy-top" + TOP_N);
    private final DoubleDataSet testTop = new DoubleDataSet("test accuracy-top" + TOP_N);

    // written on the follower thread, read under this lock
    private final Object lock = new Object();
    private final TaskSeries[] series;
    private final List<List<PolicySnapshot>> history = new ArrayList<>();
    private final List<PriorityQueue<TrialRow>> best = new ArrayList<>();
    private final List<Map<String, TrialRow>> firstByConfiguration = new ArrayList<>();
    private final ConcurrentLinkedQueue<TrialRow> pendingRows = new ConcurrentLinkedQueue<>();
    private volatile RunRecord run;
    private volatile double[][] pendingSimilarity;
    private volatile long pendingNudge;
    private volatile boolean bestChanged;
    private int shownHistory = -1;
    private int observed;
    private final Coalescer toUi;
    private RunFollower follower;
    private LongConsumer latencyProbe = n -> { };

    public DashboardViewModel(RunStore store, long runId, Executor ui) {
        this.store = store;
        this.runId = runId;
        this.ui = ui;
        this.run = store.run(runId).orElseThrow(() -> new java.util.NoSuchElementException("no run " + runId));
        this.space = SearchSpaceCodec.parse(run.spaceJson(), "run " + runId);
        this.taskNames = run.taskNames();
        this.series = new TaskSeries[taskNames.size()];
        for (int t = 0; t < taskNames.size(); t++) {
            series[t] = new TaskSeries();
            history.add(new ArrayList<>());
            best.add(new PriorityQueue<>(Comparator.comparingDouble(TrialRow::validation)
                    .thenComparing(Comparator.comparingInt(TrialRow::order).reversed())));
            firstByConfiguration.add(new HashMap<>());
        }
        for (FlatDecision f : space.flat()) {
            bars.add(new DoubleDataSet(f.path()));
        }
        title.set("run " + runId + " · " + run.name() + " · " + run.strategy());
        this.toUi = new Coalescer(ui, this::onUi);
        selectedTask.addListener((o, a, b) -> rebuild());
        selectedSlot.addListener((o, a, b) -> rebuildEvolution());
        historyIndex.addListener((o, a, b) -> {
            if (historySize.get() > 0) {
                followLatest.set(b.intValue() >= historySize.get() - 1);
                showHistory(b.intValue());
            }
        });
        rebuildEvolution();
    }

    /** Starts following the run in the store (a background thread; call {@link #close()} to stop). */
    public DashboardViewModel follow() {
        follower = new RunFollower(store, runId, this::accept, 300, 40).start();
        return this;
    }

    /** Asks the follower to look now (the in-process service calls it on trial events). */
    public void nudge() {
        RunFollower f = follower;
        if (f != null) {
            f.nudge();
        }
    }

    /** Measures event-to-screen latency: receives the nanoTime of the oldest event a UI update answered. */
    public void latencyProbe(LongConsumer probe) {
        this.latencyProbe = probe;
    }

    /** Takes one batch from the store (the follower's thread; tests call it directly). */
    public void accept(RunFollower.Batch batch) {
        run = batch.run();
        synchronized (lock) {
            int task = selectedTask.get();
            boolean taskChanged = false;
            for (TrialRecord t : batch.trials()) {
                String key = Arrays.toString(t.configuration());
                series[t.task()].add(t.reward(), t.validationMetric(), t.testMetric(), key);
                TrialRow row = new TrialRow(t, taskNames.get(t.task()), configurationText(t));
                pendingRows.add(row);
                if (!Double.isNaN(t.validationMetric()) && firstByConfiguration.get(t.task()).putIfAbsent(key, row) == null) {
                    offerBest(t.task(), row);
                }
                taskChanged |= t.task() == task;
                observed++;
            }
            for (PolicySnapshot s : batch.snapshots()) {
                history.get(s.task()).add(s);
            }
            if (taskChanged) {
                fillRewards(task);
            }
            List<PolicySnapshot> h = history.get(task);
            if (!h.isEmpty() && followLatest.get()) {
                fillBars(h.size() - 1);
            }
            List<PolicySnapshot> fresh = batch.snapshots().stream().filter(s -> s.task() == task).toList();
            appendEvolution(fresh);
        }
        batch.embeddings().ifPresent(e -> pendingSimilarity = SimilarityMatrix.cosine(e));
        if (batch.nudgedAtNanos() != 0 && pendingNudge == 0) {
            pendingNudge = batch.nudgedAtNanos();
        }
        toUi.request();
    }

    private void offerBest(int task, TrialRow row) {
        PriorityQueue<TrialRow> q = best.get(task);
        if (q.size() < TOP_N) {
            q.add(row);
            row.best(true);
            bestChanged = true;
        } else if (row.validation() > q.peek().validation()) {
            q.poll().best(false);
            q.add(row);
            row.best(true);
            bestChanged = true;
        }
    }

    private static String configurationText(TrialRecord t) {
        if (t.values() == null) {
            return Arrays.toString(t.configuration());
        }
        return t.values().replace("{", "").replace("}", "").replace("\"", "").replace(":", "=").replace(",", ", ");
    }

    private void onUi() {
        List<TrialRow> add = new ArrayList<>();
        for (TrialRow r; (r = pendingRows.poll()) != null; ) {
            add.add(r);
        }
        if (!add.isEmpty()) {
            rows.addAll(add);
        }
        if (bestChanged) {
            bestChanged = false;
            bestVersion.set(bestVersion.get() + 1);
        }
        double[][] s = pendingSimilarity;
        if (s != null) {
            pendingSimilarity = null;
            similarity.set(s);
        }
        int size;
        synchronized (lock) {
            size = history.get(selectedTask.get()).size();
        }
        historySize.set(size);
        if (followLatest.get() && size > 0) {
            historyIndex.set(size - 1);
        }
        updateHistoryLabel();
        RunRecord r = run;
        summary.set(observed + " / " + r.requestedTrials() + " trials · " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                + (r.message() == null ? "" : " · " + r.message()));
        long n = pendingNudge;
        if (n != 0) {
            pendingNudge = 0;
            latencyProbe.accept(n);
        }
    }

    private void updateHistoryLabel() {
        int size = historySize.get();
        if (size == 0) {
            historyLabel.set("no policy snapshots (strategy " + run.strategy() + " has no learned policy)");
            return;
        }
        synchronized (lock) {
            List<PolicySnapshot> h = history.get(selectedTask.get());
            int i = Math.min(Math.max(0, historyIndex.get()), h.size() - 1);
            historyLabel.set("policy after " + h.get(i).observations() + " observations (" + (i + 1) + " of " + size + ")");
        }
    }

    private void showHistory(int index) {
        synchronized (lock) {
            if (!history.get(selectedTask.get()).isEmpty()) {
                fillBars(index);
            }
        }
        updateHistoryLabel();
    }

    private void rebuild() {
        synchronized (lock) {
            int task = selectedTask.get();
            fillRewards(task);
            List<PolicySnapshot> h = history.get(task);
            historySize.set(h.size());
            if (!h.isEmpty()) {
                fillBars(followLatest.get() ? h.size() - 1 : Math.min(historyIndex.get(), h.size() - 1));
            }
        }
        rebuildEvolution();
        updateHistoryLabel();
    }

    private void fillRewards(int task) {
        TaskSeries s = series[task];
        double[] x = s.x();
        double[] r = s.reward();
        AccuracyTopN.Result[] top = s.topN(TOP_N);
        double[] v = new double[top.length];
        double[] t = new double[top.length];
        for (int i = 0; i < top.length; i++) {
            v[i] = top[i].validationMean();
            t[i] = top[i].testMean();
        }
        reward.lock().writeLockGuard(() -> reward.set(x, r, true));
        validationTop.lock().writeLockGuard(() -> validationTop.set(x, v, true));
        testTop.lock().writeLockGuard(() -> testTop.set(x, t, true));
    }

    private void fillBars(int index) {
        List<PolicySnapshot> h = history.get(selectedTask.get());
        PolicySnapshot s = h.get(Math.min(Math.max(0, index), h.size() - 1));
        shownHistory = index;
        for (int slot = 0; slot < bars.size() && slot < s.probabilities().length; slot++) {
            float[] p = s.probabilities()[slot];
            double[] x = new double[p.length];
            double[] y = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                x[i] = i;
                y[i] = p[i];
            }
            DoubleDataSet ds = bars.get(slot);
            ds.lock().writeLockGuard(() -> ds.set(x, y, true));
        }
    }

    private void rebuildEvolution() {
        synchronized (lock) {
            int slot = Math.min(selectedSlot.get(), space.flat().size() - 1);
            FlatDecision f = space.flat().get(Math.max(0, slot));
            while (evolution.size() < f.size()) {
                evolution.add(new DoubleDataSet(""));
            }
            for (int c = 0; c < evolution.size(); c++) {
                DoubleDataSet ds = evolution.get(c);
                boolean used = c < f.size();
                String name = used ? f.choices().get(c).display() : "";
                ds.lock().writeLockGuard(() -> {
                    ds.clearData();
                    ds.setName(name);
                });
            }
            appendEvolution(history.get(selectedTask.get()));
        }
    }

    private void appendEvolution(List<PolicySnapshot> snaps) {
        if (snaps.isEmpty()) {
            return;
        }
        int slot = selectedSlot.get();
        int choices = space.flat().get(slot).size();
        for (int c = 0; c < choices; c++) {
            double[] x = new double[snaps.size()];
            double[] y = new double[snaps.size()];
            for (int i = 0; i < snaps.size(); i++) {
                x[i] = snaps.get(i).observations();
                y[i] = snaps.get(i).probabilities()[slot][c];
            }
            DoubleDataSet ds = evolution.get(c);
            ds.lock().writeLockGuard(() -> ds.add(x, y));
        }
    }

    /** The bar heights currently shown for a slot (for tests and the view's labels). */
    public double[] shownBars(int slot) {
        DoubleDataSet ds = bars.get(slot);
        return ds.lock().readLockGuard(() -> Arrays.copyOf(ds.getValues(io.fair_acc.dataset.DataSet.DIM_Y), ds.getDataCount()));
    }

    public int shownHistoryIndex() {
        return shownHistory;
    }

    public long runId() {
        return runId;
    }

    public SearchSpace space() {
        return space;
    }

    public List<String> taskNames() {
        return taskNames;
    }

    public RunRecord run() {
        return run;
    }

    public List<DoubleDataSet> bars() {
        return bars;
    }

    /** One data set per choice of the selected decision (unused ones are empty). */
    public List<DoubleDataSet> evolution() {
        return evolution;
    }

    public DoubleDataSet reward() {
        return reward;
    }

    public DoubleDataSet validationTop() {
        return validationTop;
    }

    public DoubleDataSet testTop() {
        return testTop;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public IntegerProperty selectedTaskProperty() {
        return selectedTask;
    }

    public IntegerProperty selectedSlotProperty() {
        return selectedSlot;
    }

    public IntegerProperty historySizeProperty() {
        return historySize;
    }

    public IntegerProperty historyIndexProperty() {
        return historyIndex;
    }

    public BooleanProperty followLatestProperty() {
        return followLatest;
    }

    public StringProperty historyLabelProperty() {
        return historyLabel;
    }

    public ObjectProperty<double[][]> similarityProperty() {
        return similarity;
    }

    public IntegerProperty bestVersionProperty() {
        return bestVersion;
    }

    public ObservableList<TrialRow> rows() {
        return rows;
    }

    /** The snapshots of a task received so far (a copy). */
    public List<PolicySnapshot> history(int task) {
        synchronized (lock) {
            return List.copyOf(history.get(task));
        }
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}

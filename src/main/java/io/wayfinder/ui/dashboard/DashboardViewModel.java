package io.wayfinder.ui.dashboard;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.wayfinder.metrics.AccuracyTopN;
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
    private final ObjectProperty<EmbeddingHistory> embeddingHistory = new SimpleObjectProperty<>();
    private final IntegerProperty embeddingIndex = new SimpleIntegerProperty(-1);
    private volatile EmbeddingHistory pendingEmbeddingHistory;
    private final ObservableList<TrialRow> rows = FXCollections.observableArrayList();
    private final IntegerProperty bestVersion = new SimpleIntegerProperty();

    private final List<DoubleDataSet> bars = new ArrayList<>();
    private final List<DoubleDataSet> evolution = new ArrayList<>();
    private final DoubleDataSet reward = new DoubleDataSet("reward");
    private final DoubleDataSet validationTop = new DoubleDataSet("validation accuracy-top" + TOP_N);
    private final DoubleDataSet testTop = new DoubleDataSet("test accuracy-top" + TOP_N);

    // owned by the feeder thread
    private final Executor feeder;
    private final java.util.concurrent.ExecutorService ownFeeder;
    private int task;
    private int slot;
    private boolean latest = true;
    private volatile int[] uiHistory = {0, 0};
    private volatile String uiHistoryLabel = "";
    private boolean settingIndex;
    private final TaskSeries[] series;
    private final List<List<PolicySnapshot>> history = new ArrayList<>();
    private final List<PriorityQueue<TrialRow>> best = new ArrayList<>();
    private final List<Map<String, TrialRow>> firstByConfiguration = new ArrayList<>();
    private final ConcurrentLinkedQueue<TrialRow> pendingRows = new ConcurrentLinkedQueue<>();
    private volatile RunRecord run;
    private volatile String interrupted;
    private volatile double[][] pendingSimilarity;
    private volatile long pendingNudge;
    private volatile boolean bestChanged;
    private static final long CHART_INTERVAL_NANOS = 150_000_000L;
    private final List<PolicySnapshot> pendingEvolution = new ArrayList<>();
    private boolean chartsDirty;
    private long lastChartRefresh;
    private volatile int shownHistory = -1;
    private volatile int observed;
    private final Coalescer toUi;
    private final StrategyViewModel strategyView;
    private final SupernetCurves supernet;
    private final StringProperty supernetCaption = new SimpleStringProperty("");
    private int supernetOrder = -1;
    private long lastStrategyRefresh;
    private RunFollower follower;
    private LongConsumer latencyProbe = n -> { };

    public DashboardViewModel(RunStore store, long runId, Executor ui) {
        this(store, runId, ui, null);
    }

    /**
     * @param ui     runs UI updates (Platform::runLater; tests pass a synchronous executor)
     * @param feeder the one thread that owns the data and writes the chart data sets (null: a new daemon thread);
     *               the FX thread never writes a data set, so it never waits on a lock a chart holds between
     *               layout and render
     */
    public DashboardViewModel(RunStore store, long runId, Executor ui, Executor feeder) {
        this.store = store;
        this.runId = runId;
        this.ui = ui;
        if (feeder == null) {
            ownFeeder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "wayfinder-dashboard-" + runId);
                t.setDaemon(true);
                return t;
            });
            this.feeder = ownFeeder;
        } else {
            ownFeeder = null;
            this.feeder = feeder;
        }
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
        this.strategyView = new StrategyViewModel(store, run, space, ui);
        this.supernet = io.wayfinder.service.LiveStrategy.views(run).contains(io.wayfinder.strategy.LiveView.SUPERNET)
                ? new SupernetCurves() : null;
        if (supernet != null) {
            supernetCaption.set(supernet.caption());
        }
        embeddingIndex.addListener((o, a, b) -> {
            EmbeddingHistory h = embeddingHistory.get();
            int i = b.intValue();
            if (h != null && i >= 0 && i < h.size()) {
                similarity.set(SimilarityMatrix.cosine(h.snapshots().get(i).embeddings()));
            }
        });
        selectedTask.addListener((o, a, b) -> {
            int t = b.intValue();
            boolean latest = followLatest.get();
            this.feeder.execute(() -> selectTask(t, latest));
        });
        selectedSlot.addListener((o, a, b) -> {
            int slot = b.intValue();
            this.feeder.execute(() -> selectSlot(slot));
        });
        historyIndex.addListener((o, a, b) -> {
            if (historySize.get() > 0 && !settingIndex) {
                int i = b.intValue();
                followLatest.set(i >= historySize.get() - 1);
                boolean latest = followLatest.get();
                this.feeder.execute(() -> showHistory(i, latest));
            }
        });
        followLatest.addListener((o, a, b) -> {
            if (b) {
                this.feeder.execute(() -> showHistory(Integer.MAX_VALUE, true));
            }
        });
        this.feeder.execute(() -> selectSlot(0));
    }

    /** Starts following the run in the store (a background thread; call {@link #close()} to stop). */
    public DashboardViewModel follow() {
        follower = new RunFollower(store, runId, b -> feeder.execute(() -> accept(b)), 300, 40).start();
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

    /** Takes one batch from the store (on the feeder thread). */
    void accept(RunFollower.Batch batch) {
        run = batch.run();
        interrupted = batch.interrupted();
        boolean taskChanged = false;
        for (TrialRecord t : batch.trials()) {
            String key = io.wayfinder.metrics.Counting.key(t.configuration());
            series[t.task()].add(t.reward(), t.validationMetric(), t.testMetric(), key, t.observeOrder());
            TrialRow row = new TrialRow(t, taskNames.get(t.task()));
            pendingRows.add(row);
            if (!Double.isNaN(t.validationMetric()) && firstByConfiguration.get(t.task()).putIfAbsent(key, row) == null) {
                offerBest(t.task(), row);
            }
            taskChanged |= t.task() == task;
            observed++;
        }
        for (PolicySnapshot s : batch.snapshots()) {
            history.get(s.task()).add(s);
            if (s.task() == task) {
                pendingEvolution.add(s);
            }
        }
        if (supernet != null && !batch.trials().isEmpty()) {
            // the follower's summaries carry no provenance: read the new trials' full records (one per search epoch)
            List<TrialRecord> full = store.observedTrials(runId, supernetOrder);
            for (TrialRecord t : full) {
                supernetOrder = Math.max(supernetOrder, t.observeOrder());
            }
            supernet.add(full);
        }
        chartsDirty |= taskChanged || !batch.snapshots().isEmpty();
        long now = System.nanoTime();
        boolean live = batch.run().status() == io.wayfinder.run.RunStatus.RUNNING;
        // the charts redraw at most CHART_INTERVAL_NANOS apart while a run streams; the table and counts every batch
        if (chartsDirty && (!live || now - lastChartRefresh >= CHART_INTERVAL_NANOS)) {
            lastChartRefresh = now;
            chartsDirty = false;
            fillRewards(task);
            List<PolicySnapshot> h = history.get(task);
            if (!h.isEmpty() && latest) {
                fillBars(h.size() - 1);
            }
            appendEvolution(pendingEvolution);
            pendingEvolution.clear();
        }
        // the strategy's own view (population, densities) follows the checkpoints, at most once a second while live
        if (!live || now - lastStrategyRefresh >= 1_000_000_000L) {
            lastStrategyRefresh = now;
            strategyView.refresh(task, false);
        }
        batch.embeddings().ifPresent(e -> {
            pendingSimilarity = SimilarityMatrix.cosine(e);
            pendingEmbeddingHistory = EmbeddingHistory.of(store.taskEmbeddingHistory(runId));
        });
        if (batch.nudgedAtNanos() != 0 && pendingNudge == 0) {
            pendingNudge = batch.nudgedAtNanos();
        }
        publishHistory();
    }

    private void offerBest(int t, TrialRow row) {
        PriorityQueue<TrialRow> q = best.get(t);
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

    /** Hands the history state to the UI (feeder thread). */
    private void publishHistory() {
        List<PolicySnapshot> h = history.get(task);
        int size = h.size();
        String label;
        if (size == 0) {
            label = "no policy snapshots (strategy " + run.strategy() + " has no learned policy)";
        } else {
            int i = Math.min(Math.max(0, shownHistory), size - 1);
            // a density-model strategy (TPE) feeds the bars with its good density l(x), not a sampling policy
            String what = io.wayfinder.strategy.Strategies.find(run.strategy())
                    .filter(p -> p.views().contains(io.wayfinder.strategy.LiveView.DENSITIES))
                    .map(p -> p.label() + " good density l(x)")
                    .orElse(io.wayfinder.strategy.Strategies.find(run.strategy()).map(p -> p.label() + " policy")
                            .orElse("policy"));
            label = what + " after " + h.get(i).observations() + " observations (" + (i + 1) + " of " + size + ")";
        }
        uiHistory = new int[] {size, Math.max(0, shownHistory)};
        uiHistoryLabel = label;
        toUi.request();
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
        EmbeddingHistory eh = pendingEmbeddingHistory;
        if (eh != null) {
            pendingEmbeddingHistory = null;
            boolean atLatest = embeddingIndex.get() < 0 || embeddingHistory.get() == null
                    || embeddingIndex.get() >= embeddingHistory.get().size() - 1;
            embeddingHistory.set(eh);
            if (atLatest) {
                embeddingIndex.set(eh.size() - 1);
            }
        }
        if (s != null) {
            pendingSimilarity = null;
            if (embeddingIndex.get() < 0 || embeddingHistory.get() == null
                    || embeddingIndex.get() >= embeddingHistory.get().size() - 1) {
                similarity.set(s);
            }
        }
        int[] h = uiHistory;
        historySize.set(h[0]);
        settingIndex = true;
        try {
            historyIndex.set(h[1]);
        } finally {
            settingIndex = false;
        }
        historyLabel.set(uiHistoryLabel);
        if (supernet != null) {
            supernetCaption.set(supernet.caption());
        }
        RunRecord r = run;
        String gone = interrupted;
        summary.set(observed + " / " + r.requestedTrials() + " trials · "
                + (gone != null ? "interrupted · " + gone + " · resume to continue"
                : r.status().name().toLowerCase(java.util.Locale.ROOT) + (r.message() == null ? "" : " · " + r.message())));
        long n = pendingNudge;
        if (n != 0) {
            pendingNudge = 0;
            latencyProbe.accept(n);
        }
    }

    private void showHistory(int index, boolean followLatestNow) {
        latest = followLatestNow;
        List<PolicySnapshot> h = history.get(task);
        if (!h.isEmpty()) {
            fillBars(Math.min(index, h.size() - 1));
        }
        publishHistory();
    }

    private void selectTask(int t, boolean followLatestNow) {
        task = t;
        latest = followLatestNow;
        fillRewards(t);
        strategyView.refresh(t, true);
        List<PolicySnapshot> h = history.get(t);
        if (!h.isEmpty()) {
            fillBars(latest ? h.size() - 1 : Math.min(shownHistory, h.size() - 1));
        }
        selectSlot(slot);
    }

    private void fillRewards(int t) {
        TaskSeries s = series[t];
        double[] x = s.x();
        double[] r = s.reward();
        AccuracyTopN.Result[] top = s.topN(TOP_N);
        // accuracy-topN starts once N distinct configurations have finished (before that it is not a top-N mean)
        int first = 0;
        while (first < top.length && top[first].count() < TOP_N) {
            first++;
        }
        int m = top.length - first;
        double[] tx = new double[m];
        double[] v = new double[m];
        double[] te = new double[m];
        for (int i = 0; i < m; i++) {
            tx[i] = x[first + i];
            v[i] = top[first + i].validationMean();
            te[i] = top[first + i].testMean();
        }
        reward.lock().writeLockGuard(() -> reward.set(x, r, true));
        validationTop.lock().writeLockGuard(() -> validationTop.set(tx, v, true));
        testTop.lock().writeLockGuard(() -> testTop.set(tx, te, true));
    }

    private void fillBars(int index) {
        List<PolicySnapshot> h = history.get(task);
        int i = Math.min(Math.max(0, index), h.size() - 1);
        PolicySnapshot s = h.get(i);
        shownHistory = i;
        for (int k = 0; k < bars.size() && k < s.probabilities().length; k++) {
            float[] p = s.probabilities()[k];
            double[] x = new double[p.length];
            double[] y = new double[p.length];
            for (int c = 0; c < p.length; c++) {
                x[c] = c;
                y[c] = p[c];
            }
            DoubleDataSet ds = bars.get(k);
            ds.lock().writeLockGuard(() -> ds.set(x, y, true));
        }
    }

    private void selectSlot(int newSlot) {
        slot = Math.max(0, Math.min(newSlot, space.flat().size() - 1));
        FlatDecision f = space.flat().get(slot);
        while (evolution.size() < f.size()) {
            evolution.add(new DoubleDataSet(""));
        }
        for (int c = 0; c < evolution.size(); c++) {
            DoubleDataSet ds = evolution.get(c);
            String name = c < f.size() ? f.choices().get(c).display() : "";
            ds.lock().writeLockGuard(() -> {
                ds.clearData();
                ds.setName(name);
            });
        }
        pendingEvolution.clear();
        appendEvolution(history.get(task));
        publishHistory();
    }

    private void appendEvolution(List<PolicySnapshot> snaps) {
        if (snaps.isEmpty()) {
            return;
        }
        int choices = space.flat().get(slot).size();
        for (int c = 0; c < choices; c++) {
            double[] x = new double[snaps.size()];
            double[] y = new double[snaps.size()];
            for (int i = 0; i < snaps.size(); i++) {
                // x is this task's trials when the snapshot was taken: the same axis as the rewards charts
                x[i] = series[task].trialsWithin(snaps.get(i).observations());
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

    /** The strategy's own live view (population or densities), as its provider declares it. */
    public StrategyViewModel strategyView() {
        return strategyView;
    }

    /** A one-shot run's super-network training curves, or null when the strategy trains none. */
    public SupernetCurves supernet() {
        return supernet;
    }

    /** What the super-network charts show (empty when there are none). */
    public StringProperty supernetCaptionProperty() {
        return supernetCaption;
    }

    /** Why the policy charts are empty for this run's strategy, or null when they will fill. */
    public String noPolicyReason() {
        String st = run.strategy();
        if (st.equals("random")) {
            return "Random search has no policy: it samples every choice uniformly, so there are no choice "
                    + "probabilities to show (AML, M-AML, T-AML, PPO and MNMS runs draw them here).";
        }
        if (st.equals("fixed")) {
            return "This run trains listed configurations again (strategy fixed: a final training or a retrain), so "
                    + "it has no policy; its trials are in the Trials tab and open in the Inspector.";
        }
        java.util.Set<io.wayfinder.strategy.LiveView> views = io.wayfinder.service.LiveStrategy.views(run);
        if (views.contains(io.wayfinder.strategy.LiveView.POPULATION)
                && !views.contains(io.wayfinder.strategy.LiveView.POLICY)) {
            return (st.equals("evolution") ? "Regularised evolution" : io.wayfinder.service.LiveStrategy.label(run))
                    + " has no policy: it mutates a population instead "
                    + "of sampling from learned probabilities (see the Population tab).";
        }
        return "No policy snapshot yet: the first is stored after the controller's first update.";
    }

    /** Every stored set of task embeddings with their 2-D projection (null until the first is stored). */
    public ObjectProperty<EmbeddingHistory> embeddingHistoryProperty() {
        return embeddingHistory;
    }

    /** The update the similarity view shows (moving it shows that update's similarities and the trails up to it). */
    public IntegerProperty embeddingIndexProperty() {
        return embeddingIndex;
    }

    public IntegerProperty bestVersionProperty() {
        return bestVersion;
    }

    public ObservableList<TrialRow> rows() {
        return rows;
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
        if (ownFeeder != null) {
            ownFeeder.shutdownNow();
        }
    }
}

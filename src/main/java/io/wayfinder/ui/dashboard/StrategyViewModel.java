package io.wayfinder.ui.dashboard;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.service.LiveStrategy;
import io.wayfinder.space.Configuration;
import io.wayfinder.space.FlatDecision;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.store.RunStore;
import io.wayfinder.strategy.DecisionDensities;
import io.wayfinder.strategy.LiveView;
import io.wayfinder.strategy.PopulationMember;
import io.wayfinder.ui.common.Coalescer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The strategy's own live view beside the policy bars, as its provider declares it: evolution's population (members,
 * ages, rewards, the hurdles) or TPE's good and bad densities per decision. Both are read from the strategy as the
 * run's latest checkpoint left it, on the dashboard's feeder thread; the density data sets are written there under
 * their locks, the rest reaches the UI through one coalesced task.
 */
public final class StrategyViewModel {
    private final RunStore store;
    private final long runId;
    private final SearchSpace space;
    private final List<String> taskNames;
    private final Set<LiveView> views;
    private final String label;
    private final List<DoubleDataSet> good = new ArrayList<>();
    private final List<DoubleDataSet> bad = new ArrayList<>();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty hurdles = new SimpleStringProperty("");
    private final ObjectProperty<DecisionDensities> densities = new SimpleObjectProperty<>();
    private final Coalescer toUi;
    private volatile List<MemberRow> pendingMembers;
    private volatile String pendingCaption = "";
    private volatile String pendingHurdles = "";
    private volatile DecisionDensities pendingDensities;
    private long lastCheckpoint = Long.MIN_VALUE;
    private int lastTask = -1;

    StrategyViewModel(RunStore store, RunRecord run, SearchSpace space, Executor ui) {
        this.store = store;
        this.runId = run.id();
        this.space = space;
        this.taskNames = run.taskNames();
        this.views = LiveStrategy.views(run);
        this.label = LiveStrategy.label(run);
        for (FlatDecision f : space.flat()) {
            good.add(new DoubleDataSet("good l(x)"));
            bad.add(new DoubleDataSet("bad g(x)"));
        }
        this.toUi = new Coalescer(ui, this::onUi);
        pendingCaption = waiting();
    }

    /** Whether the strategy feeds a population view. */
    public boolean population() {
        return views.contains(LiveView.POPULATION);
    }

    /** Whether the strategy feeds a good/bad densities view. */
    public boolean densitiesView() {
        return views.contains(LiveView.DENSITIES);
    }

    /** Whether there is anything to show beside the policy bars. */
    public boolean any() {
        return population() || densitiesView();
    }

    private String waiting() {
        return "No checkpoint yet: the " + label + " state is read from the run's checkpoints (every "
                + "\"checkpointEvery\" observations and at the end).";
    }

    /**
     * Reads the latest checkpoint when it is newer than the one shown (or the task changed); on the feeder thread.
     */
    void refresh(int task, boolean force) {
        if (!any()) {
            return;
        }
        long at = LiveStrategy.checkpointObservations(store, runId);
        if (!force && at == lastCheckpoint && task == lastTask) {
            return;
        }
        lastCheckpoint = at;
        lastTask = task;
        RunRecord run = store.run(runId).orElseThrow();
        var state = LiveStrategy.latest(store, run);
        if (state.isEmpty()) {
            pendingCaption = at < 0 ? waiting() : "The " + label + " state saved after " + at + " observations cannot "
                    + "be read by this build (an older state format, or a strategy setting it no longer accepts).";
            pendingMembers = List.of();
            toUi.request();
            return;
        }
        String taskName = taskNames.get(task);
        int n = state.get().observations();
        if (population()) {
            List<PopulationMember> pop = state.get().strategy().population(task).orElse(List.of());
            LiveStrategy.Hurdles h = LiveStrategy.hurdles(store, run, task);
            pendingMembers = rows(pop, task, n, h.off() == null);
            String extra = state.get().strategy() instanceof io.wayfinder.strategy.evolution.RegularizedEvolution e
                    ? " (keeps " + e.capacity() + ", tournament of " + e.tournament() + ")" : "";
            pendingCaption = "Population of " + taskName + extra + ": " + pop.size() + " members at the checkpoint "
                    + "after " + n + " observations of the run; age = the task's observations since a member joined "
                    + "(the oldest dies next).";
            pendingHurdles = hurdleText(h);
        }
        if (densitiesView()) {
            var d = state.get().strategy().densities(task);
            d.ifPresent(this::fillDensities);
            pendingDensities = d.orElse(null);
            pendingCaption = d.map(x -> label + " densities of " + taskName + " at the checkpoint after " + n
                    + " observations of the run: " + x.observations() + " of this task's observations, the best "
                    + x.goodTrials() + " counted as good; per decision, each choice's share among the good trials "
                    + "l(x) and among the rest g(x). " + label + " proposes where l(x)/g(x) is high.")
                    .orElse(label + " has no model for " + taskName + " yet (too few observations).");
        }
        toUi.request();
    }

    /** Matches the members to the task's last observed trials (a population is the task's newest observations). */
    private List<MemberRow> rows(List<PopulationMember> pop, int task, int observations, boolean hurdles) {
        // with hurdles the trials' details say how each member fared; otherwise the summaries suffice
        List<TrialRecord> observed = new ArrayList<>((hurdles ? store.trials(runId).stream()
                .filter(t -> t.status().counted()) : store.observedTrialSummaries(runId, -1).stream())
                .filter(t -> t.task() == task && t.observeOrder() >= 0 && t.observeOrder() < observations)
                .sorted(Comparator.comparingInt(TrialRecord::observeOrder)).toList());
        List<MemberRow> out = new ArrayList<>(pop.size());
        int first = observed.size() - pop.size();
        for (int i = 0; i < pop.size(); i++) {
            PopulationMember m = pop.get(i);
            int seq = -1;
            String fared = "";
            if (first + i >= 0) {
                TrialRecord t = observed.get(first + i);
                if (java.util.Arrays.equals(t.configuration(), m.configuration().indices())) {
                    seq = t.seq();
                    fared = hurdles ? fared(t) : "";
                }
            }
            out.add(new MemberRow(seq, m.age(), m.reward(), summary(m.configuration()), fared));
        }
        return out;
    }

    /** How a trial fared at the hurdles, from its details. */
    static String fared(TrialRecord t) {
        if (t.details() == null) {
            return "";
        }
        var h = io.wayfinder.run.Json.readTree(t.details(), "trial " + t.id()).get("hurdle");
        if (h == null) {
            return "";
        }
        String used = String.format(Locale.ROOT, "%.2f", h.path("budgetUsed").asDouble());
        return h.path("passed").asBoolean() ? "passed, fully trained (" + used + " budgets)"
                : "stopped at stage " + h.path("stoppedAtStage").asInt() + " (" + used + " budget)";
    }

    String summary(Configuration c) {
        StringBuilder b = new StringBuilder();
        List<FlatDecision> flat = space.flat();
        for (int i = 0; i < flat.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(flat.get(i).path()).append('=').append(flat.get(i).choices().get(c.get(i)).display());
        }
        return b.toString();
    }

    static String hurdleText(LiveStrategy.Hurdles h) {
        if (h.off() != null) {
            return "Hurdles: " + h.off() + ".";
        }
        StringBuilder b = new StringBuilder("Hurdles:");
        for (int i = 0; i < h.shares().size(); i++) {
            b.append(i == 0 ? " " : "; ").append(String.format(Locale.ROOT, "stage %d (%.0f%% of the budget): ", i + 1,
                    100 * h.shares().get(i)));
            if (Double.isNaN(h.levels()[i])) {
                b.append("warming up (").append(h.seen()[i]).append(" of ").append(h.warmup())
                        .append(" children seen), everyone passes");
            } else {
                b.append(String.format(Locale.ROOT, "level %.4f (mean stage reward of %d children); below it a "
                        + "child stops there", h.levels()[i], h.seen()[i]));
            }
        }
        return b.append('.').toString();
    }

    private void fillDensities(DecisionDensities d) {
        for (int k = 0; k < good.size() && k < d.good().length; k++) {
            float[] l = d.good()[k];
            float[] g = d.bad()[k];
            double[] x = new double[l.length];
            double[] yl = new double[l.length];
            double[] yg = new double[l.length];
            for (int c = 0; c < l.length; c++) {
                x[c] = c;
                yl[c] = l[c];
                yg[c] = g[c];
            }
            DoubleDataSet a = good.get(k);
            DoubleDataSet z = bad.get(k);
            a.lock().writeLockGuard(() -> a.set(x, yl, true));
            z.lock().writeLockGuard(() -> z.set(x, yg, true));
        }
    }

    private void onUi() {
        List<MemberRow> m = pendingMembers;
        if (m != null) {
            pendingMembers = null;
            members.setAll(m);
        }
        caption.set(pendingCaption);
        hurdles.set(pendingHurdles);
        densities.set(pendingDensities);
    }

    /** Per decision, l(x) of each choice (the view's bars). */
    public List<DoubleDataSet> good() {
        return good;
    }

    /** Per decision, g(x) of each choice. */
    public List<DoubleDataSet> bad() {
        return bad;
    }

    /** The bar heights shown for one decision: {l(x)..., } and {g(x)...}. */
    public double[][] shownDensities(int slot) {
        return new double[][] {values(good.get(slot)), values(bad.get(slot))};
    }

    private static double[] values(DoubleDataSet ds) {
        return ds.lock().readLockGuard(() -> java.util.Arrays.copyOf(ds.getValues(io.fair_acc.dataset.DataSet.DIM_Y),
                ds.getDataCount()));
    }

    public ObservableList<MemberRow> members() {
        return members;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    public StringProperty hurdlesProperty() {
        return hurdles;
    }

    /** The densities shown (null before the first checkpoint). */
    public ObjectProperty<DecisionDensities> densitiesProperty() {
        return densities;
    }

    public String strategyLabel() {
        return label;
    }
}

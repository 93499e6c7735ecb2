package io.wayfinder.ui.dashboard;

import io.wayfinder.run.TrialRecord;

/** One row of the trial table: a stored trial plus whether it is among its task's best. */
public final class TrialRow {
    private final TrialRecord trial;
    private final String taskName;
    private final String configuration;
    private volatile boolean best;

    TrialRow(TrialRecord trial, String taskName, String configuration) {
        this.trial = trial;
        this.taskName = taskName;
        this.configuration = configuration;
    }

    public TrialRecord trial() {
        return trial;
    }

    public int seq() {
        return trial.seq();
    }

    public int order() {
        return trial.observeOrder();
    }

    public String task() {
        return taskName;
    }

    public String configuration() {
        return configuration;
    }

    public double reward() {
        return trial.reward();
    }

    public double validation() {
        return trial.validationMetric();
    }

    public double test() {
        return trial.testMetric();
    }

    public String status() {
        return trial.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    public long durationMillis() {
        return trial.durationMillis();
    }

    public boolean best() {
        return best;
    }

    void best(boolean b) {
        best = b;
    }

    boolean matches(String filter) {
        return filter.isEmpty() || configuration.toLowerCase(java.util.Locale.ROOT).contains(filter)
                || status().contains(filter) || taskName.toLowerCase(java.util.Locale.ROOT).contains(filter)
                || String.valueOf(trial.seq()).equals(filter);
    }
}

package io.wayfinder.ui.dashboard;

import io.wayfinder.run.TrialRecord;

/** One row of the trial table: a stored trial plus whether it is among its task's best. */
public final class TrialRow {
    private final TrialRecord trial;
    private final String taskName;
    private final String configuration; // formatted on the feeder thread, never on the FX thread
    private volatile boolean best;

    TrialRow(TrialRecord trial, String taskName) {
        this.trial = trial;
        this.taskName = taskName;
        this.configuration = configurationText(trial);
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

    /** The configuration as {@code name=value, ...} (or the choice indices when the values were not loaded). */
    public String configuration() {
        return configuration;
    }

    /** One pass over the stored values JSON: drops braces and quotes, {@code :} becomes {@code =}. */
    static String configurationText(TrialRecord t) {
        String values = t.values();
        if (values == null) {
            return java.util.Arrays.toString(t.configuration());
        }
        StringBuilder b = new StringBuilder(values.length());
        for (int i = 0; i < values.length(); i++) {
            char ch = values.charAt(i);
            switch (ch) {
                case '{', '}', '"' -> { }
                case ':' -> b.append('=');
                case ',' -> b.append(", ");
                default -> b.append(ch);
            }
        }
        return b.toString();
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

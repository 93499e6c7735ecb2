package io.wayfinder.ui.compare;

import io.wayfinder.metrics.Comparison;
import io.wayfinder.report.ComparisonPlots;
import io.wayfinder.report.ComparisonReport;
import io.wayfinder.report.ComparisonTables;
import io.wayfinder.report.Plot;
import io.wayfinder.service.ComparisonRuns;
import io.wayfinder.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The comparison screen's state: the compared runs, N / T / test budget, the {@link Comparison.Table} built by the
 * same metric functions as {@code wayfinder compare}, the cell texts of Table 2 and Table 3 (from
 * {@link ComparisonTables}, as in the report), the stored references (linear baselines) of the compared text tasks
 * and each task's figures. Loading and computing run on a background
 * executor; results land on the UI executor. "Open best trial" is a callback the shell wires to the inspector.
 */
public final class ComparisonViewModel {
    /** One task's figures. */
    public record TaskFigures(String task, Plot validation, Plot test) {
    }

    private final RunStore store;
    private final Executor ui;
    private final Executor background;
    private final IntegerProperty topN = new SimpleIntegerProperty(10);
    private final ObjectProperty<Integer> rsBudget = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> testBudget = new SimpleObjectProperty<>();
    private final ObjectProperty<Comparison.Table> table = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("Select runs in the navigator (RS, AML, T-AML; "
            + "several seeds each) and press Compare (Ctrl+Shift+C).");
    private final ObservableList<String> headers2 = FXCollections.observableArrayList();
    private final ObservableList<String> headers3 = FXCollections.observableArrayList();
    private final ObservableList<List<String>> table2 = FXCollections.observableArrayList();
    private final ObservableList<List<String>> table3 = FXCollections.observableArrayList();
    private final ObservableList<TaskFigures> figures = FXCollections.observableArrayList();
    private final ObservableList<List<String>> references = FXCollections.observableArrayList();
    private final StringProperty missingReferences = new SimpleStringProperty("");
    private volatile Comparison.References loadedReferences = Comparison.References.NONE;
    private final ObjectProperty<Consumer<Comparison.BestTrial>> onOpenTrial = new SimpleObjectProperty<>(t -> { });
    private volatile List<Comparison.RunData> runs = List.of();
    private List<Long> runIds = List.of();

    public ComparisonViewModel(RunStore store, Executor ui, Executor background) {
        this.store = store;
        this.ui = ui;
        this.background = background;
        topN.addListener((o, a, b) -> recompute());
        rsBudget.addListener((o, a, b) -> recompute());
        testBudget.addListener((o, a, b) -> recompute());
    }

    /** Loads the runs (background) and shows their comparison. */
    public void compare(List<Long> ids) {
        runIds = List.copyOf(ids);
        status.set("loading " + ids.size() + " runs…");
        background.execute(() -> {
            try {
                List<Comparison.RunData> loaded = ComparisonRuns.load(store, ids);
                Comparison.References refs = ComparisonRuns.references(store, loaded);
                runs = loaded;
                loadedReferences = refs;
                Comparison.Settings s = settings();
                Comparison.Table t = Comparison.build(loaded, s).withReferences(refs);
                ui.execute(() -> show(t));
            } catch (RuntimeException e) {
                ui.execute(() -> status.set("could not compare: " + e.getMessage()));
            }
        });
    }

    private Comparison.Settings settings() {
        return new Comparison.Settings(Math.max(1, topN.get()), rsBudget.get(), testBudget.get(), true);
    }

    private void recompute() {
        List<Comparison.RunData> r = runs;
        if (r.isEmpty()) {
            return;
        }
        Comparison.Settings s;
        try {
            s = settings();
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        Comparison.References refs = loadedReferences;
        background.execute(() -> {
            Comparison.Table t = Comparison.build(r, s).withReferences(refs);
            ui.execute(() -> show(t));
        });
    }

    private void show(Comparison.Table t) {
        List<List<String>> t2 = ComparisonTables.table2(t);
        List<List<String>> t3 = ComparisonTables.table3(t);
        headers2.setAll(t2.get(0));
        headers3.setAll(t3.get(0));
        table2.setAll(t2.subList(1, t2.size()));
        table3.setAll(t3.subList(1, t3.size()));
        List<List<String>> refs = ComparisonTables.references(t);
        references.setAll(refs.subList(1, refs.size()));
        missingReferences.set(ComparisonTables.missingReferences(t).strip());
        List<TaskFigures> f = new ArrayList<>();
        for (Comparison.Row row : t.rows()) {
            f.add(new TaskFigures(row.task(), ComparisonPlots.validation(t, row), ComparisonPlots.test(t, row)));
        }
        figures.setAll(f);
        table.set(t);
        long noRs = t.rows().stream().filter(r -> Double.isNaN(r.rsLevel())).count();
        status.set(runs.size() + " runs in " + t.columns().size() + " groups over " + t.rows().size() + " task"
                + (t.rows().size() == 1 ? "" : "s") + (noRs > 0 ? "; " + noRs + " task(s) without a random-search run "
                + "have no RS level (select an RS run)" : ""));
    }

    /** The best trial of a group (column index among the groups) on a task row, if any. */
    public Optional<Comparison.BestTrial> bestTrial(int row, int group) {
        Comparison.Table t = table.get();
        if (t == null || row < 0 || row >= t.rows().size() || group < 0 || group >= t.columns().size()) {
            return Optional.empty();
        }
        Comparison.Cell c = t.rows().get(row).cells().get(group);
        return c == null ? Optional.empty() : Optional.ofNullable(c.best());
    }

    /** Hands the best trial of that group on that task to the callback (the inspector); false when there is none. */
    public boolean openBestTrial(int row, int group) {
        Optional<Comparison.BestTrial> b = bestTrial(row, group);
        b.ifPresent(x -> onOpenTrial.get().accept(x));
        return b.isPresent();
    }

    /** Writes the report (Markdown + HTML, tables, figures) into a folder, on the background executor. */
    public void exportReport(Path dir, Consumer<String> done) {
        Comparison.Table t = table.get();
        if (t == null) {
            return;
        }
        List<Comparison.RunData> r = runs;
        background.execute(() -> {
            String msg;
            try {
                ComparisonReport.Written w = ComparisonReport.write(t, dir, "Runs " + r.stream().map(x -> "#"
                        + x.run().id() + " " + x.group() + " (seed " + x.run().seed() + ")").toList() + " from "
                        + store.location() + ".");
                msg = "wrote " + w.files().size() + " files to " + dir;
            } catch (Exception e) {
                msg = "could not write the report to " + dir + ": " + e.getMessage();
            }
            String m = msg;
            ui.execute(() -> {
                status.set(m);
                done.accept(m);
            });
        });
    }

    public List<Long> runIds() {
        return runIds;
    }

    public IntegerProperty topNProperty() {
        return topN;
    }

    public ObjectProperty<Integer> rsBudgetProperty() {
        return rsBudget;
    }

    public ObjectProperty<Integer> testBudgetProperty() {
        return testBudget;
    }

    public ObjectProperty<Comparison.Table> tableProperty() {
        return table;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<String> headers2() {
        return headers2;
    }

    public ObservableList<String> headers3() {
        return headers3;
    }

    /** Table 2's rows as shown (task, T, RS level, one cell per group). */
    public ObservableList<List<String>> table2() {
        return table2;
    }

    /** Table 3's rows as shown (task, trials, one cell per group). */
    public ObservableList<List<String>> table3() {
        return table3;
    }

    /** The stored references (task, reference, method, setting, validation, test, stored by), one per row. */
    public ObservableList<List<String>> references() {
        return references;
    }

    /** The header of {@link #references()}. */
    public List<String> referenceHeaders() {
        return ComparisonTables.references(new Comparison.Table(List.of(), List.of(), Comparison.Settings.defaults()))
                .get(0);
    }

    /** What to run for compared text tasks without a stored reference ("" when none is missing). */
    public StringProperty missingReferencesProperty() {
        return missingReferences;
    }

    public ObservableList<TaskFigures> figures() {
        return figures;
    }

    /** Called with a group's best trial on a task ("open in inspector"); the shell sets it. */
    public ObjectProperty<Consumer<Comparison.BestTrial>> onOpenTrialProperty() {
        return onOpenTrial;
    }
}

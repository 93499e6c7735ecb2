package io.wayfinder.store;

import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.NewRun;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.RunLease;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The embedded default store: one SQLite file in WAL mode, so a second process (the workbench following a command-line
 * run) can read while this one writes, and a killed process loses nothing it committed. Every trial start and end is
 * its own transaction. The schema is versioned with {@code PRAGMA user_version} and migrated forward on open.
 */
public final class SqliteRunStore implements RunStore {
    /** Version 4: the trial queue that workers claim from, the worker of each trial, workers' heartbeats. */
    static final String WORK_QUEUE_MIGRATION = """
            ALTER TABLE trials ADD COLUMN worker TEXT;
            CREATE TABLE work_queue(
              trial_id INTEGER PRIMARY KEY REFERENCES trials(id), run_id INTEGER NOT NULL, state TEXT NOT NULL,
              worker TEXT, lease_until INTEGER NOT NULL DEFAULT 0, claims INTEGER NOT NULL DEFAULT 0,
              submitted INTEGER NOT NULL DEFAULT 0, failed INTEGER, failure TEXT, reward REAL, validation REAL,
              test REAL, started INTEGER, finished INTEGER, details TEXT);
            CREATE INDEX work_queue_run ON work_queue(run_id, state);
            CREATE TABLE workers(
              id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, run_id INTEGER NOT NULL DEFAULT 0,
              state TEXT NOT NULL, current_trial INTEGER NOT NULL DEFAULT -1, started INTEGER NOT NULL,
              heartbeat INTEGER NOT NULL, trials_done INTEGER NOT NULL DEFAULT 0);
            """;
    /** Schema migrations; index i brings a database from version i to i+1. Never edit one that has shipped. */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE runs(
              id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, strategy TEXT NOT NULL, seed INTEGER NOT NULL,
              status TEXT NOT NULL, message TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL,
              requested_trials INTEGER NOT NULL, space_hash TEXT NOT NULL, project_json TEXT NOT NULL,
              space_json TEXT NOT NULL, data_dir TEXT);
            CREATE TABLE run_tasks(
              run_id INTEGER NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL, name TEXT NOT NULL,
              PRIMARY KEY(run_id, idx));
            CREATE TABLE trials(
              id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL,
              attempt INTEGER NOT NULL, task INTEGER NOT NULL, config TEXT NOT NULL, config_values TEXT NOT NULL,
              status TEXT NOT NULL, failure TEXT, reward REAL, validation REAL, test REAL, started INTEGER NOT NULL,
              finished INTEGER NOT NULL DEFAULT 0, seed INTEGER NOT NULL, observe_order INTEGER NOT NULL DEFAULT -1,
              observed_at_proposal INTEGER NOT NULL, provenance TEXT, details TEXT, UNIQUE(run_id, seq, attempt));
            CREATE INDEX trials_observed ON trials(run_id, observe_order);
            CREATE TABLE checkpoints(
              run_id INTEGER NOT NULL REFERENCES runs(id), observations INTEGER NOT NULL, kind TEXT NOT NULL,
              state BLOB NOT NULL, created INTEGER NOT NULL);
            CREATE INDEX checkpoints_run ON checkpoints(run_id, kind, observations);
            CREATE TABLE snapshots(
              run_id INTEGER NOT NULL, task INTEGER NOT NULL, observations INTEGER NOT NULL, probabilities BLOB NOT NULL,
              PRIMARY KEY(run_id, task, observations)) WITHOUT ROWID;
            CREATE TABLE task_embeddings(
              run_id INTEGER NOT NULL, observations INTEGER NOT NULL, embeddings BLOB NOT NULL,
              PRIMARY KEY(run_id, observations)) WITHOUT ROWID;
            """, """
            CREATE TABLE projects(
              id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, file TEXT NOT NULL, last_used INTEGER NOT NULL,
              UNIQUE(name, file));
            ALTER TABLE runs ADD COLUMN project_id INTEGER REFERENCES projects(id);
            ALTER TABLE run_tasks ADD COLUMN kind TEXT;
            ALTER TABLE run_tasks ADD COLUMN metric TEXT;
            ALTER TABLE run_tasks ADD COLUMN dataset_id TEXT;
            ALTER TABLE run_tasks ADD COLUMN dataset_hash TEXT;
            """, """
            CREATE TABLE run_leases(
              run_id INTEGER PRIMARY KEY REFERENCES runs(id), token TEXT NOT NULL, pid INTEGER NOT NULL,
              host TEXT NOT NULL, acquired INTEGER NOT NULL, heartbeat INTEGER NOT NULL);
            """, WORK_QUEUE_MIGRATION, """
            CREATE TABLE baselines(
              project TEXT NOT NULL, task TEXT NOT NULL, method TEXT NOT NULL, setting TEXT NOT NULL,
              validation REAL, test REAL, dataset_id TEXT, dataset_hash TEXT, created INTEGER NOT NULL,
              PRIMARY KEY(project, task, method));
            """);

    /** How many loop checkpoints of one kind are kept per run (older ones are deleted). */
    static final int CHECKPOINTS_KEPT = 3;

    private static final String TRIAL_COLUMNS = "id, run_id, seq, attempt, task, config, config_values, status, "
            + "failure, reward, validation, test, started, finished, seed, observe_order, observed_at_proposal, "
            + "provenance, details";

    private final Path file;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private int transactionDepth;

    private SqliteRunStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** How long opening waits for another process that is creating or migrating the same new store. */
    private static final long OPEN_BUSY_MILLIS = 15_000;

    /**
     * Opens (creating and migrating as needed) the store at this path. Two processes opening one new file at once
     * (a run and a follower) can meet SQLITE_BUSY while the file switches to WAL, which the busy timeout does not
     * cover: opening then tries again, for up to {@link #OPEN_BUSY_MILLIS}.
     */
    public static SqliteRunStore open(Path file) {
        long deadline = System.currentTimeMillis() + OPEN_BUSY_MILLIS;
        for (int attempt = 0; ; attempt++) {
            try {
                return openOnce(file);
            } catch (StoreException e) {
                boolean busy = e.getCause() instanceof SQLException sql
                        && String.valueOf(sql.getMessage()).contains("SQLITE_BUSY");
                if (!busy || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(200, 10L << Math.min(attempt, 5)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static SqliteRunStore openOnce(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                    s.execute("PRAGMA journal_mode = WAL");
                    s.execute("PRAGMA synchronous = NORMAL");
                    s.execute("PRAGMA foreign_keys = ON");
                }
                SqliteRunStore store = new SqliteRunStore(file, c);
                store.migrate();
                return store;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("SQLITE_NOTADB") || m.contains("not a database")) {
                throw new StoreException(file + ": a Wayfinder run store (an SQLite file) was expected; this file is "
                        + "not an SQLite database", e);
            }
            throw new StoreException("cannot open run store " + file + ": " + m.lines().findFirst().orElse(m), e);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of run store " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public synchronized void saveBaseline(io.wayfinder.run.BaselineRecord b) {
        try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO baselines(project, task, method, "
                + "setting, validation, test, dataset_id, dataset_hash, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, b.project());
            p.setString(2, b.task());
            p.setString(3, b.method());
            p.setString(4, b.setting());
            p.setDouble(5, b.validation());
            p.setDouble(6, b.test());
            p.setString(7, b.datasetId());
            p.setString(8, b.datasetHash());
            p.setLong(9, b.createdMillis());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save a baseline in " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.BaselineRecord> baselines(String project) {
        List<io.wayfinder.run.BaselineRecord> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT project, task, method, setting, validation, "
                + "test, dataset_id, dataset_hash, created FROM baselines WHERE project = ? ORDER BY task, method")) {
            p.setString(1, project);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.BaselineRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getString(7), rs.getString(8),
                            rs.getLong(9)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the baselines of " + project + " from " + file + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized List<io.wayfinder.run.BaselineRecord> baselinesOfTask(String task) {
        List<io.wayfinder.run.BaselineRecord> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT project, task, method, setting, validation, "
                + "test, dataset_id, dataset_hash, created FROM baselines WHERE task = ? "
                + "ORDER BY created DESC, project, method")) {
            p.setString(1, task);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.BaselineRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getString(7), rs.getString(8),
                            rs.getLong(9)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the baselines of task " + task + " from " + file + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public String location() {
        return file.toString();
    }

    public Path file() {
        return file;
    }

    /** The schema version of the open database. */
    public synchronized int schemaVersion() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read schema version of " + file, e);
        }
    }

    private synchronized void migrate() throws SQLException {
        int version;
        int otherTables;
        // the version and the tables read in one transaction (one snapshot): another process may be migrating the
        // same new file right now, and a version read before its commit with tables read after it looks foreign
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            version = schemaVersionInTx(s);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT "
                    + "IN ('runs', 'migration_lock') AND name NOT LIKE 'sqlite_%'")) {
                otherTables = rs.next() ? rs.getInt(1) : 0;
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        if (version == 0) {
            {
                if (otherTables > 0) {
                    throw new StoreException(file + ": a Wayfinder run store was expected; this SQLite database "
                            + "holds other tables (Wayfinder leaves it untouched)", null);
                }
            }
        }
        if (version > MIGRATIONS.size()) {
            throw new StoreException("run store " + file + " has schema version " + version + ", newer than this "
                    + "Wayfinder understands (" + MIGRATIONS.size() + "); upgrade Wayfinder", null);
        }
        for (int v = version; v < MIGRATIONS.size(); v++) {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                // take the write lock first, then re-check: another process may have migrated meanwhile
                s.execute("CREATE TABLE IF NOT EXISTS migration_lock(x INTEGER)");
                if (schemaVersionInTx(s) != v) {
                    connection.rollback();
                    continue;
                }
                for (String stmt : MIGRATIONS.get(v).split(";")) {
                    if (!stmt.isBlank()) {
                        s.execute(stmt);
                    }
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static int schemaVersionInTx(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement p = statements.get(sql);
        if (p == null) {
            p = connection.prepareStatement(sql);
            statements.put(sql, p);
        }
        return p;
    }

    @Override
    public synchronized void atomically(Runnable work) {
        if (transactionDepth > 0) {
            work.run();
            return;
        }
        try {
            connection.setAutoCommit(false);
            transactionDepth++;
            work.run();
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot commit to " + file, e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            transactionDepth--;
            autoCommit();
        }
    }

    @Override
    public synchronized long createRun(NewRun r) {
        try {
            begin();
            long now = System.currentTimeMillis();
            PreparedStatement p = prepare("INSERT INTO runs(name, strategy, seed, status, message, created, updated, "
                    + "requested_trials, space_hash, project_json, space_json, data_dir) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            p.setString(1, r.name());
            p.setString(2, r.strategy());
            p.setLong(3, r.seed());
            p.setString(4, RunStatus.CREATED.name());
            p.setNull(5, Types.VARCHAR);
            p.setLong(6, now);
            p.setLong(7, now);
            p.setInt(8, r.requestedTrials());
            p.setString(9, r.spaceHash());
            p.setString(10, r.projectJson());
            p.setString(11, r.spaceJson());
            p.setString(12, r.dataDirectory());
            p.executeUpdate();
            long id = lastId();
            PreparedStatement t = prepare("INSERT INTO run_tasks(run_id, idx, name) VALUES (?,?,?)");
            for (int i = 0; i < r.taskNames().size(); i++) {
                t.setLong(1, id);
                t.setInt(2, i);
                t.setString(3, r.taskNames().get(i));
                t.executeUpdate();
            }
            commit();
            return id;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot create run in " + file, e);
        } finally {
            autoCommit();
        }
    }

    private long lastId() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized Optional<RunRecord> run(long runId) {
        try {
            PreparedStatement p = prepare("SELECT * FROM runs WHERE id = ?");
            p.setLong(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(runFrom(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized void recordProjectAndTasks(long runId, String projectName, String projectFile,
                                                   List<io.wayfinder.run.TaskRecord> tasks) {
        String file = projectFile == null ? "" : projectFile;
        try {
            begin();
            long now = System.currentTimeMillis();
            PreparedStatement up = prepare("INSERT INTO projects(name, file, last_used) VALUES (?,?,?) "
                    + "ON CONFLICT(name, file) DO UPDATE SET last_used = excluded.last_used");
            up.setString(1, projectName);
            up.setString(2, file);
            up.setLong(3, now);
            up.executeUpdate();
            PreparedStatement link = prepare("UPDATE runs SET project_id = (SELECT id FROM projects WHERE name = ? "
                    + "AND file = ?) WHERE id = ?");
            link.setString(1, projectName);
            link.setString(2, file);
            link.setLong(3, runId);
            if (link.executeUpdate() == 0) {
                throw new NoSuchElementException("no run " + runId + " in " + this.file);
            }
            PreparedStatement t = prepare("INSERT OR REPLACE INTO run_tasks(run_id, idx, name, kind, metric, dataset_id, "
                    + "dataset_hash) VALUES (?,?,?,?,?,?,?)");
            for (io.wayfinder.run.TaskRecord task : tasks) {
                t.setLong(1, runId);
                t.setInt(2, task.index());
                t.setString(3, task.name());
                t.setString(4, task.kind());
                t.setString(5, task.metric());
                t.setString(6, task.datasetId());
                t.setString(7, task.datasetHash());
                t.executeUpdate();
            }
            commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot record the project and tasks of run " + runId + " in " + this.file, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.TaskRecord> tasks(long runId) {
        try {
            PreparedStatement p = prepare("SELECT idx, name, kind, metric, dataset_id, dataset_hash FROM run_tasks "
                    + "WHERE run_id = ? AND kind IS NOT NULL ORDER BY idx");
            p.setLong(1, runId);
            List<io.wayfinder.run.TaskRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.TaskRecord(rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the tasks of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.ProjectRecord> projects() {
        try {
            List<io.wayfinder.run.ProjectRecord> out = new ArrayList<>();
            try (ResultSet rs = prepare("SELECT id, name, file, last_used FROM projects ORDER BY last_used DESC, id DESC")
                    .executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.ProjectRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list projects in " + file, e);
        }
    }

    @Override
    public synchronized List<Long> runsOfProject(long projectId) {
        try {
            PreparedStatement p = prepare("SELECT id FROM runs WHERE project_id = ? ORDER BY id");
            p.setLong(1, projectId);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list runs of project " + projectId + " in " + file, e);
        }
    }

    @Override
    public synchronized List<RunRecord> runs() {
        try {
            List<RunRecord> out = new ArrayList<>();
            try (ResultSet rs = prepare("SELECT * FROM runs ORDER BY id").executeQuery()) {
                while (rs.next()) {
                    out.add(runFrom(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list runs in " + file, e);
        }
    }

    private RunRecord runFrom(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<String> tasks = new ArrayList<>();
        try (PreparedStatement t = connection.prepareStatement("SELECT name FROM run_tasks WHERE run_id = ? ORDER BY idx")) {
            t.setLong(1, id);
            try (ResultSet trs = t.executeQuery()) {
                while (trs.next()) {
                    tasks.add(trs.getString(1));
                }
            }
        }
        return new RunRecord(id, rs.getString("name"), rs.getString("strategy"), rs.getLong("seed"),
                RunStatus.valueOf(rs.getString("status")), rs.getString("message"), rs.getLong("created"),
                rs.getLong("updated"), rs.getInt("requested_trials"), rs.getString("space_hash"),
                rs.getString("project_json"), rs.getString("space_json"), tasks, rs.getString("data_dir"));
    }

    @Override
    public synchronized void setRunStatus(long runId, RunStatus status, String message) {
        update("UPDATE runs SET status = ?, message = ?, updated = ? WHERE id = ?", runId, p -> {
            p.setString(1, status.name());
            p.setString(2, message);
            p.setLong(3, System.currentTimeMillis());
            p.setLong(4, runId);
        });
    }

    @Override
    public synchronized void setRequestedTrials(long runId, int requestedTrials) {
        update("UPDATE runs SET requested_trials = ? WHERE id = ?", runId, p -> {
            p.setInt(1, requestedTrials);
            p.setLong(2, runId);
        });
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void update(String sql, long runId, Binder binder) {
        try {
            PreparedStatement p = prepare(sql);
            binder.bind(p);
            if (p.executeUpdate() == 0) {
                throw new NoSuchElementException("no run " + runId + " in " + file);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot update run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized long startTrial(long runId, TrialStart s) {
        try {
            PreparedStatement p = prepare("INSERT INTO trials(run_id, seq, attempt, task, config, config_values, "
                    + "status, started, seed, observed_at_proposal, provenance) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
            p.setLong(1, runId);
            p.setInt(2, s.seq());
            p.setInt(3, s.attempt());
            p.setInt(4, s.task());
            p.setString(5, encodeConfig(s.configuration()));
            p.setString(6, s.values());
            p.setString(7, TrialStatus.RUNNING.name());
            p.setLong(8, s.startedMillis());
            p.setLong(9, s.seed());
            p.setInt(10, s.observedAtProposal());
            p.setString(11, s.provenance());
            p.executeUpdate();
            return lastId();
        } catch (SQLException e) {
            throw new StoreException("cannot record trial " + s.seq() + " of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized void finishTrial(long trialId, TrialOutcome o) {
        try {
            PreparedStatement p = prepare("UPDATE trials SET status = ?, failure = ?, reward = ?, validation = ?, "
                    + "test = ?, finished = ?, observe_order = ?, details = ? WHERE id = ? AND status = 'RUNNING'");
            p.setString(1, o.status().name());
            p.setString(2, o.failureReason());
            setReal(p, 3, o.reward());
            setReal(p, 4, o.validationMetric());
            setReal(p, 5, o.testMetric());
            p.setLong(6, o.finishedMillis());
            p.setInt(7, o.observeOrder());
            p.setString(8, o.details());
            p.setLong(9, trialId);
            if (p.executeUpdate() == 0) {
                throw new IllegalStateException("trial " + trialId + " is not running in " + file);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the end of trial " + trialId + " in " + file, e);
        }
    }

    private static void setReal(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.REAL);
        } else {
            p.setDouble(i, v);
        }
    }

    private static double getReal(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public synchronized int markInterrupted(long runId) {
        try {
            begin();
            // withdrawn from the queue too: a worker still training one finds its claim gone and drops the result
            PreparedStatement q = prepare("DELETE FROM work_queue WHERE run_id = ?");
            q.setLong(1, runId);
            q.executeUpdate();
            PreparedStatement p = prepare("UPDATE trials SET status = 'INTERRUPTED', failure = "
                    + "'process ended while running' WHERE run_id = ? AND status = 'RUNNING'");
            p.setLong(1, runId);
            int n = p.executeUpdate();
            commit();
            return n;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot mark interrupted trials of run " + runId + " in " + file, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized List<TrialRecord> trials(long runId) {
        return queryTrials("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE run_id = ? ORDER BY id", runId, -2);
    }

    @Override
    public synchronized List<TrialRecord> observedTrials(long runId, int afterObserveOrder) {
        return queryTrials("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE run_id = ? AND observe_order > ? "
                + "AND status IN ('COMPLETE', 'FAILED') ORDER BY observe_order", runId, afterObserveOrder);
    }

    @Override
    public synchronized List<TrialRecord> observedTrialSummaries(long runId, int afterObserveOrder) {
        return queryTrials("SELECT " + TRIAL_COLUMNS.replace("provenance, details", "NULL, NULL")
                + " FROM trials WHERE run_id = ? AND observe_order > ? "
                + "AND status IN ('COMPLETE', 'FAILED') ORDER BY observe_order", runId, afterObserveOrder);
    }

    private List<TrialRecord> queryTrials(String sql, long runId, int after) {
        try {
            PreparedStatement p = prepare(sql);
            p.setLong(1, runId);
            if (after > -2) {
                p.setInt(2, after);
            }
            List<TrialRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrialRecord(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            decodeConfig(rs.getString(6)), rs.getString(7), TrialStatus.valueOf(rs.getString(8)),
                            rs.getString(9), getReal(rs, "reward"), getReal(rs, "validation"), getReal(rs, "test"),
                            rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getInt(16), rs.getInt(17),
                            rs.getString(18), rs.getString(19)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read trials of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized int countObserved(long runId) {
        try {
            PreparedStatement p = prepare("SELECT COUNT(*) FROM trials WHERE run_id = ? AND status IN ('COMPLETE', 'FAILED')");
            p.setLong(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count trials of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized void saveCheckpoint(Checkpoint c) {
        try {
            begin();
            PreparedStatement p = prepare("INSERT INTO checkpoints(run_id, observations, kind, state, created) VALUES (?,?,?,?,?)");
            p.setLong(1, c.runId());
            p.setInt(2, c.observations());
            p.setString(3, c.kind());
            p.setBytes(4, c.state());
            p.setLong(5, c.createdMillis());
            p.executeUpdate();
            PreparedStatement d = prepare("DELETE FROM checkpoints WHERE run_id = ? AND kind = ? AND rowid NOT IN "
                    + "(SELECT rowid FROM checkpoints WHERE run_id = ? AND kind = ? ORDER BY observations DESC, created DESC LIMIT ?)");
            d.setLong(1, c.runId());
            d.setString(2, c.kind());
            d.setLong(3, c.runId());
            d.setString(4, c.kind());
            d.setInt(5, CHECKPOINTS_KEPT);
            d.executeUpdate();
            commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot save checkpoint of run " + c.runId() + " in " + file, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized Optional<Checkpoint> latestCheckpoint(long runId, String kind) {
        try {
            PreparedStatement p = prepare("SELECT observations, state, created FROM checkpoints WHERE run_id = ? AND "
                    + "kind = ? ORDER BY observations DESC, created DESC LIMIT 1");
            p.setLong(1, runId);
            p.setString(2, kind);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Checkpoint(runId, rs.getInt(1), kind, rs.getBytes(2), rs.getLong(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read checkpoint of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized void saveSnapshots(long runId, List<PolicySnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        try {
            begin();
            PreparedStatement p = prepare("INSERT OR REPLACE INTO snapshots(run_id, task, observations, probabilities) VALUES (?,?,?,?)");
            for (PolicySnapshot s : snapshots) {
                p.setLong(1, runId);
                p.setInt(2, s.task());
                p.setInt(3, s.observations());
                p.setBytes(4, encodeProbabilities(s.probabilities()));
                p.executeUpdate();
            }
            commit();
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot save policy snapshots of run " + runId + " in " + file, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized List<PolicySnapshot> snapshots(long runId, int task, int after) {
        try {
            PreparedStatement p = prepare("SELECT observations, probabilities FROM snapshots WHERE run_id = ? AND "
                    + "task = ? AND observations > ? ORDER BY observations");
            p.setLong(1, runId);
            p.setInt(2, task);
            p.setInt(3, after);
            List<PolicySnapshot> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new PolicySnapshot(rs.getInt(1), task, decodeProbabilities(rs.getBytes(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read policy snapshots of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized void saveTaskEmbeddings(long runId, int observations, double[][] embeddings) {
        try {
            PreparedStatement p = prepare("INSERT OR REPLACE INTO task_embeddings(run_id, observations, embeddings) VALUES (?,?,?)");
            p.setLong(1, runId);
            p.setInt(2, observations);
            p.setBytes(3, encodeMatrix(embeddings));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot save task embeddings of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.EmbeddingSnapshot> taskEmbeddingHistory(long runId) {
        try {
            PreparedStatement p = prepare("SELECT observations, embeddings FROM task_embeddings WHERE run_id = ? "
                    + "ORDER BY observations");
            p.setLong(1, runId);
            List<io.wayfinder.run.EmbeddingSnapshot> out = new java.util.ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.EmbeddingSnapshot(rs.getInt(1), decodeMatrix(rs.getBytes(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read task embeddings of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized Optional<double[][]> latestTaskEmbeddings(long runId) {
        try {
            PreparedStatement p = prepare("SELECT embeddings FROM task_embeddings WHERE run_id = ? ORDER BY observations DESC LIMIT 1");
            p.setLong(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(decodeMatrix(rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read task embeddings of run " + runId + " from " + file, e);
        }
    }

    // ---- shared work: workers on this machine claim queued trials; one statement per claim, so it is atomic ----

    @Override
    public boolean sharesWork() {
        return true;
    }

    @Override
    public synchronized void enqueueTrial(long runId, long trialId) {
        try {
            PreparedStatement p = prepare("INSERT INTO work_queue(trial_id, run_id, state) VALUES (?, ?, 'PENDING')");
            p.setLong(1, trialId);
            p.setLong(2, runId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot queue trial " + trialId + " in " + file, e);
        }
    }

    @Override
    public synchronized Optional<io.wayfinder.run.ClaimedTrial> claimTrial(String workerId, long runId,
                                                                          long leaseMillis) {
        try {
            long now = System.currentTimeMillis();
            PreparedStatement p = prepare("UPDATE work_queue SET state = 'CLAIMED', worker = ?, lease_until = ?, "
                    + "claims = claims + 1 WHERE trial_id = (SELECT trial_id FROM work_queue WHERE (state = 'PENDING' "
                    + "OR (state = 'CLAIMED' AND lease_until < ?)) AND (? <= 0 OR run_id = ?) ORDER BY trial_id "
                    + "LIMIT 1) RETURNING trial_id");
            p.setString(1, workerId);
            p.setLong(2, now + leaseMillis);
            p.setLong(3, now);
            p.setLong(4, runId);
            p.setLong(5, runId);
            long trialId;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                trialId = rs.getLong(1);
            }
            PreparedStatement w = prepare("UPDATE trials SET worker = ? WHERE id = ?");
            w.setString(1, workerId);
            w.setLong(2, trialId);
            w.executeUpdate();
            PreparedStatement t = prepare("SELECT run_id, seq, attempt, task, config, seed FROM trials WHERE id = ?");
            t.setLong(1, trialId);
            try (ResultSet rs = t.executeQuery()) {
                rs.next();
                return Optional.of(new io.wayfinder.run.ClaimedTrial(trialId, rs.getLong(1), rs.getInt(2),
                        rs.getInt(3), rs.getInt(4), decodeConfig(rs.getString(5)), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot claim a trial in " + file, e);
        }
    }

    @Override
    public synchronized boolean renewClaim(long trialId, String workerId, long leaseMillis) {
        try {
            PreparedStatement p = prepare("UPDATE work_queue SET lease_until = ? WHERE trial_id = ? AND worker = ? "
                    + "AND state = 'CLAIMED'");
            p.setLong(1, System.currentTimeMillis() + leaseMillis);
            p.setLong(2, trialId);
            p.setString(3, workerId);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot renew the claim on trial " + trialId + " in " + file, e);
        }
    }

    @Override
    public synchronized boolean submitResult(io.wayfinder.run.TrialResult r) {
        try {
            begin();
            PreparedStatement p = prepare("UPDATE work_queue SET state = 'DONE', submitted = ?, failed = ?, "
                    + "failure = ?, reward = ?, validation = ?, test = ?, started = ?, finished = ?, details = ? "
                    + "WHERE trial_id = ? AND worker = ? AND state = 'CLAIMED'");
            p.setLong(1, System.currentTimeMillis());
            p.setInt(2, r.failed() ? 1 : 0);
            p.setString(3, r.failureReason());
            setReal(p, 4, r.reward());
            setReal(p, 5, r.validationMetric());
            setReal(p, 6, r.testMetric());
            p.setLong(7, r.startedMillis());
            p.setLong(8, r.finishedMillis());
            p.setString(9, r.details());
            p.setLong(10, r.trialId());
            p.setString(11, r.worker());
            boolean held = p.executeUpdate() == 1;
            if (held) {
                PreparedStatement w = prepare("UPDATE workers SET trials_done = trials_done + 1 WHERE id = ?");
                w.setString(1, r.worker());
                w.executeUpdate();
            }
            commit();
            return held;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("cannot store the result of trial " + r.trialId() + " in " + file, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.TrialResult> submittedResults(long runId) {
        try {
            PreparedStatement p = prepare("SELECT trial_id, worker, failed, failure, reward, validation, test, started, "
                    + "finished, details FROM work_queue WHERE run_id = ? AND state = 'DONE' ORDER BY submitted, trial_id");
            p.setLong(1, runId);
            List<io.wayfinder.run.TrialResult> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.TrialResult(rs.getLong(1), rs.getString(2), rs.getInt(3) != 0,
                            rs.getString(4), getReal(rs, "reward"), getReal(rs, "validation"), getReal(rs, "test"),
                            rs.getLong(8), rs.getLong(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the results of run " + runId + " from " + file, e);
        }
    }

    @Override
    public synchronized void dequeueTrial(long trialId) {
        try {
            PreparedStatement p = prepare("DELETE FROM work_queue WHERE trial_id = ?");
            p.setLong(1, trialId);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot remove trial " + trialId + " from the queue in " + file, e);
        }
    }

    @Override
    public synchronized Map<String, Integer> claimedTrials(long runId) {
        try {
            PreparedStatement p = prepare("SELECT q.worker, t.seq FROM work_queue q JOIN trials t ON t.id = q.trial_id "
                    + "WHERE q.run_id = ? AND q.state = 'CLAIMED' AND q.lease_until >= ?");
            p.setLong(1, runId);
            p.setLong(2, System.currentTimeMillis());
            Map<String, Integer> out = new java.util.HashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the claimed trials of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized int claimableTrials(long runId) {
        try {
            PreparedStatement p = prepare("SELECT COUNT(*) FROM work_queue WHERE run_id = ? AND (state = 'PENDING' "
                    + "OR (state = 'CLAIMED' AND lease_until < ?))");
            p.setLong(1, runId);
            p.setLong(2, System.currentTimeMillis());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the queued trials of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized void workerHeartbeat(io.wayfinder.run.WorkerRecord w) {
        try {
            long now = System.currentTimeMillis();
            PreparedStatement p = prepare("INSERT INTO workers(id, host, pid, run_id, state, current_trial, started, "
                    + "heartbeat) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET run_id = CASE WHEN "
                    + "excluded.run_id > 0 THEN excluded.run_id ELSE workers.run_id END, state = excluded.state, "
                    + "current_trial = excluded.current_trial, heartbeat = excluded.heartbeat");
            p.setString(1, w.id());
            p.setString(2, w.host());
            p.setLong(3, w.pid());
            p.setLong(4, w.runId());
            p.setString(5, w.state());
            p.setInt(6, w.currentTrial());
            p.setLong(7, now);
            p.setLong(8, now);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the heartbeat of worker " + w.id() + " in " + file, e);
        }
    }

    @Override
    public synchronized List<io.wayfinder.run.WorkerRecord> workers(long runId) {
        try {
            PreparedStatement p = prepare("SELECT id, host, pid, run_id, state, current_trial, started, heartbeat, "
                    + "trials_done FROM workers WHERE (? <= 0 OR run_id = ?) ORDER BY id");
            p.setLong(1, runId);
            p.setLong(2, runId);
            List<io.wayfinder.run.WorkerRecord> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new io.wayfinder.run.WorkerRecord(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getInt(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list workers in " + file, e);
        }
    }

    @Override
    public synchronized Map<Long, String> trialWorkers(long runId) {
        try {
            PreparedStatement p = prepare("SELECT id, worker FROM trials WHERE run_id = ? AND worker IS NOT NULL");
            p.setLong(1, runId);
            Map<Long, String> out = new HashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the workers of run " + runId + " from " + file, e);
        }
    }

    static String encodeConfig(int[] config) {
        StringBuilder sb = new StringBuilder(config.length * 2);
        for (int i = 0; i < config.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(config[i]);
        }
        return sb.toString();
    }

    static int[] decodeConfig(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Layout: slot count, then per slot its size and its floats. */
    static byte[] encodeProbabilities(float[][] p) {
        int n = 4;
        for (float[] row : p) {
            n += 4 + 4 * row.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        b.putInt(p.length);
        for (float[] row : p) {
            b.putInt(row.length);
            for (float x : row) {
                b.putFloat(x);
            }
        }
        return b.array();
    }

    static float[][] decodeProbabilities(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        float[][] p = new float[b.getInt()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = new float[b.getInt()];
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = b.getFloat();
            }
        }
        return p;
    }

    static byte[] encodeMatrix(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * m.length * cols);
        b.putInt(m.length).putInt(cols);
        for (double[] row : m) {
            for (double x : row) {
                b.putDouble(x);
            }
        }
        return b.array();
    }

    static double[][] decodeMatrix(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        double[][] m = new double[b.getInt()][b.getInt()];
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = b.getDouble();
            }
        }
        return m;
    }

    private void begin() throws SQLException {
        if (transactionDepth == 0) {
            connection.setAutoCommit(false);
        }
    }

    private void commit() throws SQLException {
        if (transactionDepth == 0) {
            connection.commit();
        }
    }

    private void rollback() {
        if (transactionDepth > 0) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original error is what matters
        }
    }

    private void autoCommit() {
        if (transactionDepth > 0) {
            return;
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    @Override
    public synchronized Optional<RunLease> lease(long runId) {
        try {
            PreparedStatement p = prepare("SELECT token, pid, host, acquired, heartbeat FROM run_leases WHERE run_id = ?");
            p.setLong(1, runId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new RunLease(runId, rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the lease of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized boolean claimLease(RunLease lease, String replacing) {
        try {
            if (run(lease.runId()).isEmpty()) {
                throw new NoSuchElementException("no run " + lease.runId() + " in " + file);
            }
            PreparedStatement p;
            if (replacing == null) {
                // the primary key makes a second claim of an unowned run fail; OR IGNORE turns that into "0 rows"
                p = prepare("INSERT OR IGNORE INTO run_leases(run_id, token, pid, host, acquired, heartbeat) "
                        + "VALUES (?, ?, ?, ?, ?, ?)");
                p.setLong(1, lease.runId());
                p.setString(2, lease.token());
                p.setLong(3, lease.pid());
                p.setString(4, lease.host());
                p.setLong(5, lease.acquiredMillis());
                p.setLong(6, lease.heartbeatMillis());
            } else {
                p = prepare("UPDATE run_leases SET token = ?, pid = ?, host = ?, acquired = ?, heartbeat = ? "
                        + "WHERE run_id = ? AND token = ?");
                p.setString(1, lease.token());
                p.setLong(2, lease.pid());
                p.setString(3, lease.host());
                p.setLong(4, lease.acquiredMillis());
                p.setLong(5, lease.heartbeatMillis());
                p.setLong(6, lease.runId());
                p.setString(7, replacing);
            }
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot claim the lease of run " + lease.runId() + " in " + file, e);
        }
    }

    @Override
    public synchronized boolean renewLease(long runId, String token, long heartbeatMillis) {
        try {
            PreparedStatement p = prepare("UPDATE run_leases SET heartbeat = ? WHERE run_id = ? AND token = ?");
            p.setLong(1, heartbeatMillis);
            p.setLong(2, runId);
            p.setString(3, token);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot renew the lease of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized void releaseLease(long runId, String token) {
        try {
            PreparedStatement p = prepare("DELETE FROM run_leases WHERE run_id = ? AND token = ?");
            p.setLong(1, runId);
            p.setString(2, token);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot release the lease of run " + runId + " in " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement p : statements.values()) {
                p.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + file, e);
        }
    }
}

package io.wayfinder.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.wayfinder.run.Checkpoint;
import io.wayfinder.run.NewRun;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.ProjectRecord;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.run.TaskRecord;
import io.wayfinder.run.TrialOutcome;
import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStart;
import io.wayfinder.run.TrialStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The shared store: one PostgreSQL database that any number of processes on any number of machines use at once (a
 * coordinator, workers, a workbench following the run). Connections come from a small HikariCP pool; each method is
 * one transaction (or joins the one {@link #atomically} opened on this thread). The schema has the same versions as
 * the SQLite store's, kept in {@code wayfinder_schema} and migrated forward on open under an advisory lock, so two
 * processes opening a new database at once migrate it once.
 */
public final class PostgresRunStore implements RunStore {
    /** Version 4: the trial queue that workers claim from, the worker of each trial, workers' heartbeats. */
    static final String WORK_QUEUE_MIGRATION = """
            ALTER TABLE trials ADD COLUMN worker TEXT;
            CREATE TABLE work_queue(
              trial_id BIGINT PRIMARY KEY REFERENCES trials(id), run_id BIGINT NOT NULL, state TEXT NOT NULL,
              worker TEXT, lease_until BIGINT NOT NULL DEFAULT 0, claims INTEGER NOT NULL DEFAULT 0,
              submitted BIGINT NOT NULL DEFAULT 0, failed BOOLEAN, failure TEXT, reward DOUBLE PRECISION,
              validation DOUBLE PRECISION, test DOUBLE PRECISION, started BIGINT, finished BIGINT, details TEXT);
            CREATE INDEX work_queue_run ON work_queue(run_id, state);
            CREATE TABLE workers(
              id TEXT PRIMARY KEY, host TEXT NOT NULL, pid BIGINT NOT NULL, run_id BIGINT NOT NULL DEFAULT 0,
              state TEXT NOT NULL, current_trial INTEGER NOT NULL DEFAULT -1, started BIGINT NOT NULL,
              heartbeat BIGINT NOT NULL, trials_done INTEGER NOT NULL DEFAULT 0);
            """;
    /** Schema migrations; index i brings a database from version i to i+1 (the same versions as SQLite's). */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE runs(
              id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, strategy TEXT NOT NULL, seed BIGINT NOT NULL,
              status TEXT NOT NULL, message TEXT, created BIGINT NOT NULL, updated BIGINT NOT NULL,
              requested_trials INTEGER NOT NULL, space_hash TEXT NOT NULL, project_json TEXT NOT NULL,
              space_json TEXT NOT NULL, data_dir TEXT);
            CREATE TABLE run_tasks(
              run_id BIGINT NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL, name TEXT NOT NULL,
              PRIMARY KEY(run_id, idx));
            CREATE TABLE trials(
              id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL,
              attempt INTEGER NOT NULL, task INTEGER NOT NULL, config TEXT NOT NULL, config_values TEXT NOT NULL,
              status TEXT NOT NULL, failure TEXT, reward DOUBLE PRECISION, validation DOUBLE PRECISION,
              test DOUBLE PRECISION, started BIGINT NOT NULL, finished BIGINT NOT NULL DEFAULT 0, seed BIGINT NOT NULL,
              observe_order INTEGER NOT NULL DEFAULT -1, observed_at_proposal INTEGER NOT NULL, provenance TEXT,
              details TEXT, UNIQUE(run_id, seq, attempt));
            CREATE INDEX trials_observed ON trials(run_id, observe_order);
            CREATE TABLE checkpoints(
              id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES runs(id), observations INTEGER NOT NULL,
              kind TEXT NOT NULL, state BYTEA NOT NULL, created BIGINT NOT NULL);
            CREATE INDEX checkpoints_run ON checkpoints(run_id, kind, observations);
            CREATE TABLE snapshots(
              run_id BIGINT NOT NULL, task INTEGER NOT NULL, observations INTEGER NOT NULL, probabilities BYTEA NOT NULL,
              PRIMARY KEY(run_id, task, observations));
            CREATE TABLE task_embeddings(
              run_id BIGINT NOT NULL, observations INTEGER NOT NULL, embeddings BYTEA NOT NULL,
              PRIMARY KEY(run_id, observations));
            """, """
            CREATE TABLE projects(
              id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, file TEXT NOT NULL, last_used BIGINT NOT NULL,
              UNIQUE(name, file));
            ALTER TABLE runs ADD COLUMN project_id BIGINT REFERENCES projects(id);
            ALTER TABLE run_tasks ADD COLUMN kind TEXT;
            ALTER TABLE run_tasks ADD COLUMN metric TEXT;
            ALTER TABLE run_tasks ADD COLUMN dataset_id TEXT;
            ALTER TABLE run_tasks ADD COLUMN dataset_hash TEXT;
            """, """
            CREATE TABLE run_leases(
              run_id BIGINT PRIMARY KEY REFERENCES runs(id), token TEXT NOT NULL, pid BIGINT NOT NULL,
              host TEXT NOT NULL, acquired BIGINT NOT NULL, heartbeat BIGINT NOT NULL);
            """, WORK_QUEUE_MIGRATION, """
            CREATE TABLE baselines(
              project TEXT NOT NULL, task TEXT NOT NULL, method TEXT NOT NULL, setting TEXT NOT NULL,
              validation DOUBLE PRECISION, test DOUBLE PRECISION, dataset_id TEXT, dataset_hash TEXT,
              created BIGINT NOT NULL, PRIMARY KEY(project, task, method));
            """);
    /** The database server's clock in milliseconds (one clock for every machine's leases). */
    private static final String NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";
    /** Any constant; the advisory lock that serialises migrations between processes. */
    private static final long MIGRATION_LOCK = 0x5741_5946_494E_4452L;
    private static final String TRIAL_COLUMNS = "id, run_id, seq, attempt, task, config, config_values, status, "
            + "failure, reward, validation, test, started, finished, seed, observe_order, observed_at_proposal, "
            + "provenance, details";

    private final PostgresLocation location;
    private final HikariDataSource pool;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    /** Each waiting thread's own connection that LISTENs on {@link #WORK_CHANNEL} (outside the pool: a session). */
    private final ThreadLocal<Connection> listener = new ThreadLocal<>();
    private final java.util.Set<Connection> listeners = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** The channel {@link #enqueueTrial} notifies (delivered when the enqueuing transaction commits). */
    static final String WORK_CHANNEL = "wayfinder_work";

    private PostgresRunStore(PostgresLocation location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    /** Opens (creating the tables and migrating as needed) the store in the database a URL names. */
    static PostgresRunStore open(String url) {
        PostgresLocation loc = PostgresLocation.parse(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(loc.jdbcUrl());
        config.setDataSourceProperties(loc.properties());
        config.setPoolName("wayfinder-store");
        config.setMaximumPoolSize(Integer.getInteger("wayfinder.store.pool", 4));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(15_000);
        config.setInitializationFailTimeout(1); // fail at once, with the driver's reason
        config.setAutoCommit(false);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to run store " + loc.shown() + ": " + rootMessage(e), null);
        }
        PostgresRunStore store = new PostgresRunStore(loc, pool);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    @Override
    public String location() {
        return location.shown();
    }

    /** The driver URL, without credentials (tests use it to reach the database directly). */
    String jdbcUrlForTests() {
        return location.jdbcUrl();
    }

    /** The schema version of the database. */
    public int schemaVersion() {
        return call("read the schema version", c -> schemaVersion(c));
    }

    private static int schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS wayfinder_schema(version INTEGER NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT version FROM wayfinder_schema")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private void migrate() {
        call("migrate the schema", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                int version = schemaVersion(c);
                if (version > MIGRATIONS.size()) {
                    throw new StoreException("run store " + location.shown() + " has schema version " + version
                            + ", newer than this Wayfinder understands (" + MIGRATIONS.size() + "); upgrade Wayfinder",
                            null);
                }
                for (int v = version; v < MIGRATIONS.size(); v++) {
                    for (String stmt : MIGRATIONS.get(v).split(";")) {
                        if (!stmt.isBlank()) {
                            s.execute(stmt);
                        }
                    }
                }
                if (version < MIGRATIONS.size()) {
                    s.execute("DELETE FROM wayfinder_schema");
                    s.execute("INSERT INTO wayfinder_schema(version) VALUES (" + MIGRATIONS.size() + ")");
                }
            }
            return null;
        });
    }

    interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in this thread's open transaction, or in a transaction of its own on a pooled connection.
     * SQL errors become {@link StoreException}s naming what was being done and where (never with credentials).
     */
    <T> T call(String what, SqlWork<T> work) {
        Connection open = transaction.get();
        if (open != null) {
            try {
                return work.apply(open);
            } catch (SQLException e) {
                throw failure(what, e);
            }
        }
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original error is what matters
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + " in " + location.shown() + ": " + e.getMessage(), e);
    }

    @Override
    public void atomically(Runnable work) {
        if (transaction.get() != null) {
            work.run();
            return;
        }
        call("commit", c -> {
            transaction.set(c);
            try {
                work.run();
            } finally {
                transaction.remove();
            }
            return null;
        });
    }

    @Override
    public long createRun(NewRun r) {
        return call("create a run", c -> {
            long now = System.currentTimeMillis();
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO runs(name, strategy, seed, status, message, "
                    + "created, updated, requested_trials, space_hash, project_json, space_json, data_dir) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
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
                id = single(p).getLong(1);
            }
            try (PreparedStatement t = c.prepareStatement("INSERT INTO run_tasks(run_id, idx, name) VALUES (?,?,?)")) {
                for (int i = 0; i < r.taskNames().size(); i++) {
                    t.setLong(1, id);
                    t.setInt(2, i);
                    t.setString(3, r.taskNames().get(i));
                    t.addBatch();
                }
                t.executeBatch();
            }
            return id;
        });
    }

    private static ResultSet single(PreparedStatement p) throws SQLException {
        ResultSet rs = p.executeQuery();
        if (!rs.next()) {
            throw new SQLException("no row returned");
        }
        return rs;
    }

    @Override
    public Optional<RunRecord> run(long runId) {
        return call("read run " + runId, c -> {
            List<RunRecord> r = runs(c, "SELECT * FROM runs WHERE id = ?", runId);
            return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
        });
    }

    @Override
    public List<RunRecord> runs() {
        return call("list runs", c -> runs(c, "SELECT * FROM runs ORDER BY id", -1));
    }

    private static List<RunRecord> runs(Connection c, String sql, long id) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            if (id >= 0) {
                p.setLong(1, id);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord(rs.getLong("id"), rs.getString("name"), rs.getString("strategy"),
                            rs.getLong("seed"), RunStatus.valueOf(rs.getString("status")), rs.getString("message"),
                            rs.getLong("created"), rs.getLong("updated"), rs.getInt("requested_trials"),
                            rs.getString("space_hash"), rs.getString("project_json"), rs.getString("space_json"),
                            List.of(), rs.getString("data_dir")));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        java.util.Map<Long, List<String>> names = new java.util.HashMap<>();
        try (PreparedStatement t = c.prepareStatement(id >= 0 ? "SELECT run_id, name FROM run_tasks WHERE run_id = ? "
                + "ORDER BY run_id, idx" : "SELECT run_id, name FROM run_tasks ORDER BY run_id, idx")) {
            if (id >= 0) {
                t.setLong(1, id);
            }
            try (ResultSet rs = t.executeQuery()) {
                while (rs.next()) {
                    names.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<RunRecord> withTasks = new ArrayList<>(out.size());
        for (RunRecord r : out) {
            withTasks.add(new RunRecord(r.id(), r.name(), r.strategy(), r.seed(), r.status(), r.message(),
                    r.createdMillis(), r.updatedMillis(), r.requestedTrials(), r.spaceHash(), r.projectJson(),
                    r.spaceJson(), names.getOrDefault(r.id(), List.of()), r.dataDirectory()));
        }
        return withTasks;
    }

    @Override
    public void recordProjectAndTasks(long runId, String projectName, String projectFile, List<TaskRecord> tasks) {
        String file = projectFile == null ? "" : projectFile;
        call("record the project and tasks of run " + runId, c -> {
            long now = System.currentTimeMillis();
            long projectId;
            try (PreparedStatement up = c.prepareStatement("INSERT INTO projects(name, file, last_used) VALUES (?,?,?) "
                    + "ON CONFLICT(name, file) DO UPDATE SET last_used = excluded.last_used RETURNING id")) {
                up.setString(1, projectName);
                up.setString(2, file);
                up.setLong(3, now);
                projectId = single(up).getLong(1);
            }
            try (PreparedStatement link = c.prepareStatement("UPDATE runs SET project_id = ? WHERE id = ?")) {
                link.setLong(1, projectId);
                link.setLong(2, runId);
                if (link.executeUpdate() == 0) {
                    throw new NoSuchElementException("no run " + runId + " in " + location.shown());
                }
            }
            try (PreparedStatement t = c.prepareStatement("INSERT INTO run_tasks(run_id, idx, name, kind, metric, "
                    + "dataset_id, dataset_hash) VALUES (?,?,?,?,?,?,?) ON CONFLICT(run_id, idx) DO UPDATE SET "
                    + "name = excluded.name, kind = excluded.kind, metric = excluded.metric, "
                    + "dataset_id = excluded.dataset_id, dataset_hash = excluded.dataset_hash")) {
                for (TaskRecord task : tasks) {
                    t.setLong(1, runId);
                    t.setInt(2, task.index());
                    t.setString(3, task.name());
                    t.setString(4, task.kind());
                    t.setString(5, task.metric());
                    t.setString(6, task.datasetId());
                    t.setString(7, task.datasetHash());
                    t.addBatch();
                }
                t.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<TaskRecord> tasks(long runId) {
        return call("read the tasks of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT idx, name, kind, metric, dataset_id, dataset_hash "
                    + "FROM run_tasks WHERE run_id = ? AND kind IS NOT NULL ORDER BY idx")) {
                p.setLong(1, runId);
                List<TaskRecord> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TaskRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<ProjectRecord> projects() {
        return call("list projects", c -> {
            List<ProjectRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, name, file, last_used FROM projects "
                    + "ORDER BY last_used DESC, id DESC"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProjectRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    @Override
    public List<Long> runsOfProject(long projectId) {
        return call("list the runs of project " + projectId, c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM runs WHERE project_id = ? ORDER BY id")) {
                p.setLong(1, projectId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void setRunStatus(long runId, RunStatus status, String message) {
        updateRun(runId, "UPDATE runs SET status = ?, message = ?, updated = ? WHERE id = ?", p -> {
            p.setString(1, status.name());
            p.setString(2, message);
            p.setLong(3, System.currentTimeMillis());
            p.setLong(4, runId);
        });
    }

    @Override
    public void setRequestedTrials(long runId, int requestedTrials) {
        updateRun(runId, "UPDATE runs SET requested_trials = ? WHERE id = ?", p -> {
            p.setInt(1, requestedTrials);
            p.setLong(2, runId);
        });
    }

    interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void updateRun(long runId, String sql, Binder binder) {
        call("update run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                if (p.executeUpdate() == 0) {
                    throw new NoSuchElementException("no run " + runId + " in " + location.shown());
                }
            }
            return null;
        });
    }

    @Override
    public long startTrial(long runId, TrialStart s) {
        return call("record trial " + s.seq() + " of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO trials(run_id, seq, attempt, task, config, "
                    + "config_values, status, started, seed, observed_at_proposal, provenance) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id")) {
                p.setLong(1, runId);
                p.setInt(2, s.seq());
                p.setInt(3, s.attempt());
                p.setInt(4, s.task());
                p.setString(5, SqliteRunStore.encodeConfig(s.configuration()));
                p.setString(6, s.values());
                p.setString(7, TrialStatus.RUNNING.name());
                p.setLong(8, s.startedMillis());
                p.setLong(9, s.seed());
                p.setInt(10, s.observedAtProposal());
                p.setString(11, s.provenance());
                return single(p).getLong(1);
            }
        });
    }

    @Override
    public void finishTrial(long trialId, TrialOutcome o) {
        int updated = call("record the end of trial " + trialId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE trials SET status = ?, failure = ?, reward = ?, "
                    + "validation = ?, test = ?, finished = ?, observe_order = ?, details = ? "
                    + "WHERE id = ? AND status = 'RUNNING'")) {
                p.setString(1, o.status().name());
                p.setString(2, o.failureReason());
                setReal(p, 3, o.reward());
                setReal(p, 4, o.validationMetric());
                setReal(p, 5, o.testMetric());
                p.setLong(6, o.finishedMillis());
                p.setInt(7, o.observeOrder());
                p.setString(8, o.details());
                p.setLong(9, trialId);
                return p.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new IllegalStateException("trial " + trialId + " is not running in " + location.shown());
        }
    }

    static void setReal(PreparedStatement p, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            p.setNull(i, Types.DOUBLE);
        } else {
            p.setDouble(i, v);
        }
    }

    static double getReal(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public int markInterrupted(long runId) {
        return call("mark the interrupted trials of run " + runId, c -> {
            // withdrawn from the queue too: a worker still training one finds its claim gone and drops the result
            try (PreparedStatement q = c.prepareStatement("DELETE FROM work_queue WHERE run_id = ?")) {
                q.setLong(1, runId);
                q.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE trials SET status = 'INTERRUPTED', failure = "
                    + "'process ended while running' WHERE run_id = ? AND status = 'RUNNING'")) {
                p.setLong(1, runId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public List<TrialRecord> trials(long runId) {
        return queryTrials("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE run_id = ? ORDER BY id", runId, null);
    }

    @Override
    public List<TrialRecord> observedTrials(long runId, int afterObserveOrder) {
        return queryTrials("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE run_id = ? AND observe_order > ? "
                + "AND status IN ('COMPLETE', 'FAILED') ORDER BY observe_order", runId, afterObserveOrder);
    }

    @Override
    public List<TrialRecord> observedTrialSummaries(long runId, int afterObserveOrder) {
        return queryTrials("SELECT " + TRIAL_COLUMNS.replace("provenance, details", "NULL, NULL")
                + " FROM trials WHERE run_id = ? AND observe_order > ? "
                + "AND status IN ('COMPLETE', 'FAILED') ORDER BY observe_order", runId, afterObserveOrder);
    }

    private List<TrialRecord> queryTrials(String sql, long runId, Integer after) {
        return call("read the trials of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, runId);
                if (after != null) {
                    p.setInt(2, after);
                }
                List<TrialRecord> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(trialFrom(rs));
                    }
                }
                return out;
            }
        });
    }

    static TrialRecord trialFrom(ResultSet rs) throws SQLException {
        return new TrialRecord(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                SqliteRunStore.decodeConfig(rs.getString(6)), rs.getString(7), TrialStatus.valueOf(rs.getString(8)),
                rs.getString(9), getReal(rs, 10), getReal(rs, 11), getReal(rs, 12), rs.getLong(13), rs.getLong(14),
                rs.getLong(15), rs.getInt(16), rs.getInt(17), rs.getString(18), rs.getString(19));
    }

    @Override
    public int countObserved(long runId) {
        return call("count the trials of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE run_id = ? "
                    + "AND status IN ('COMPLETE', 'FAILED')")) {
                p.setLong(1, runId);
                return single(p).getInt(1);
            }
        });
    }

    @Override
    public void saveBaseline(io.wayfinder.run.BaselineRecord b) {
        call("save a baseline of " + b.project(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO baselines(project, task, method, setting, "
                    + "validation, test, dataset_id, dataset_hash, created) VALUES (?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (project, task, method) DO UPDATE SET setting = EXCLUDED.setting, "
                    + "validation = EXCLUDED.validation, test = EXCLUDED.test, dataset_id = EXCLUDED.dataset_id, "
                    + "dataset_hash = EXCLUDED.dataset_hash, created = EXCLUDED.created")) {
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
            }
            return null;
        });
    }

    @Override
    public List<io.wayfinder.run.BaselineRecord> baselines(String project) {
        return call("read the baselines of " + project, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT project, task, method, setting, validation, test, "
                    + "dataset_id, dataset_hash, created FROM baselines WHERE project = ? ORDER BY task, method")) {
                p.setString(1, project);
                List<io.wayfinder.run.BaselineRecord> out = new java.util.ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.wayfinder.run.BaselineRecord(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getString(7),
                                rs.getString(8), rs.getLong(9)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<io.wayfinder.run.BaselineRecord> baselinesOfTask(String task) {
        return call("read the baselines of task " + task, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT project, task, method, setting, validation, test, "
                    + "dataset_id, dataset_hash, created FROM baselines WHERE task = ? "
                    + "ORDER BY created DESC, project, method")) {
                p.setString(1, task);
                List<io.wayfinder.run.BaselineRecord> out = new java.util.ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.wayfinder.run.BaselineRecord(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6), rs.getString(7),
                                rs.getString(8), rs.getLong(9)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void saveCheckpoint(Checkpoint cp) {
        call("save a checkpoint of run " + cp.runId(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoints(run_id, observations, kind, state, "
                    + "created) VALUES (?,?,?,?,?)")) {
                p.setLong(1, cp.runId());
                p.setInt(2, cp.observations());
                p.setString(3, cp.kind());
                p.setBytes(4, cp.state());
                p.setLong(5, cp.createdMillis());
                p.executeUpdate();
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM checkpoints WHERE run_id = ? AND kind = ? AND "
                    + "id NOT IN (SELECT id FROM checkpoints WHERE run_id = ? AND kind = ? "
                    + "ORDER BY observations DESC, created DESC, id DESC LIMIT ?)")) {
                d.setLong(1, cp.runId());
                d.setString(2, cp.kind());
                d.setLong(3, cp.runId());
                d.setString(4, cp.kind());
                d.setInt(5, SqliteRunStore.CHECKPOINTS_KEPT);
                d.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(long runId, String kind) {
        return call("read a checkpoint of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT observations, state, created FROM checkpoints "
                    + "WHERE run_id = ? AND kind = ? ORDER BY observations DESC, created DESC, id DESC LIMIT 1")) {
                p.setLong(1, runId);
                p.setString(2, kind);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Checkpoint(runId, rs.getInt(1), kind, rs.getBytes(2),
                            rs.getLong(3))) : Optional.<Checkpoint>empty();
                }
            }
        });
    }

    @Override
    public void saveSnapshots(long runId, List<PolicySnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        call("save policy snapshots of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO snapshots(run_id, task, observations, "
                    + "probabilities) VALUES (?,?,?,?) ON CONFLICT(run_id, task, observations) DO UPDATE SET "
                    + "probabilities = excluded.probabilities")) {
                for (PolicySnapshot s : snapshots) {
                    p.setLong(1, runId);
                    p.setInt(2, s.task());
                    p.setInt(3, s.observations());
                    p.setBytes(4, SqliteRunStore.encodeProbabilities(s.probabilities()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<PolicySnapshot> snapshots(long runId, int task, int after) {
        return call("read policy snapshots of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT observations, probabilities FROM snapshots "
                    + "WHERE run_id = ? AND task = ? AND observations > ? ORDER BY observations")) {
                p.setLong(1, runId);
                p.setInt(2, task);
                p.setInt(3, after);
                List<PolicySnapshot> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PolicySnapshot(rs.getInt(1), task,
                                SqliteRunStore.decodeProbabilities(rs.getBytes(2))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void saveTaskEmbeddings(long runId, int observations, double[][] embeddings) {
        call("save task embeddings of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO task_embeddings(run_id, observations, "
                    + "embeddings) VALUES (?,?,?) ON CONFLICT(run_id, observations) DO UPDATE SET "
                    + "embeddings = excluded.embeddings")) {
                p.setLong(1, runId);
                p.setInt(2, observations);
                p.setBytes(3, SqliteRunStore.encodeMatrix(embeddings));
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<double[][]> latestTaskEmbeddings(long runId) {
        return call("read task embeddings of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT embeddings FROM task_embeddings WHERE run_id = ? "
                    + "ORDER BY observations DESC LIMIT 1")) {
                p.setLong(1, runId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(SqliteRunStore.decodeMatrix(rs.getBytes(1)))
                            : Optional.<double[][]>empty();
                }
            }
        });
    }

    @Override
    public List<io.wayfinder.run.EmbeddingSnapshot> taskEmbeddingHistory(long runId) {
        return call("read task embeddings of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT observations, embeddings FROM task_embeddings "
                    + "WHERE run_id = ? ORDER BY observations")) {
                p.setLong(1, runId);
                List<io.wayfinder.run.EmbeddingSnapshot> out = new java.util.ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.wayfinder.run.EmbeddingSnapshot(rs.getInt(1),
                                SqliteRunStore.decodeMatrix(rs.getBytes(2))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean sharesWork() {
        return true;
    }

    @Override
    public long clockMillis() {
        return call("read the clock", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + NOW)) {
                return single(p).getLong(1);
            }
        });
    }

    @Override
    public void enqueueTrial(long runId, long trialId) {
        call("queue trial " + trialId, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO work_queue(trial_id, run_id, state) "
                    + "VALUES (?, ?, 'PENDING')")) {
                p.setLong(1, trialId);
                p.setLong(2, runId);
                p.executeUpdate();
            }
            try (Statement st = c.createStatement()) {
                st.execute("NOTIFY " + WORK_CHANNEL); // waiting workers wake at commit instead of at their next poll
            }
            return null;
        });
    }

    /** Whether waiting uses LISTEN/NOTIFY ({@code -Dwayfinder.store.notify=false}: plain polling, for comparison). */
    private static boolean notifyOn() {
        return !"false".equalsIgnoreCase(System.getProperty("wayfinder.store.notify", "true"));
    }

    @Override
    public boolean notifiesWork() {
        return notifyOn();
    }

    @Override
    public boolean awaitWork(long maxMillis) throws InterruptedException {
        if (!notifyOn() || closed) {
            Thread.sleep(maxMillis);
            return false;
        }
        try {
            Connection c = listener.get();
            if (c == null || c.isClosed()) {
                c = java.sql.DriverManager.getConnection(location.jdbcUrl(), location.properties());
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + WORK_CHANNEL);
                }
                listener.set(c);
                listeners.add(c);
            }
            org.postgresql.PGNotification[] n = c.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications((int) Math.max(1, maxMillis));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return n != null && n.length > 0;
        } catch (SQLException e) {
            // the listening session broke (server restart, network): drop it and fall back to a sleep; the next
            // wait opens a new one
            Connection c = listener.get();
            listener.remove();
            if (c != null) {
                listeners.remove(c);
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            Thread.sleep(maxMillis);
            return false;
        }
    }

    @Override
    public Optional<io.wayfinder.run.ClaimedTrial> claimTrial(String workerId, long runId, long leaseMillis) {
        return call("claim a trial", c -> {
            long trialId;
            // SKIP LOCKED: concurrent workers each take a different row instead of queueing behind one another
            try (PreparedStatement p = c.prepareStatement("UPDATE work_queue SET state = 'CLAIMED', worker = ?, "
                    + "lease_until = " + NOW + " + ?, claims = claims + 1 WHERE trial_id = (SELECT trial_id FROM "
                    + "work_queue WHERE (state = 'PENDING' OR (state = 'CLAIMED' AND lease_until < " + NOW + "))"
                    + (runId > 0 ? " AND run_id = ?" : "") + " ORDER BY trial_id LIMIT 1 FOR UPDATE SKIP LOCKED) "
                    + "RETURNING trial_id")) {
                p.setString(1, workerId);
                p.setLong(2, leaseMillis);
                if (runId > 0) {
                    p.setLong(3, runId);
                }
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<io.wayfinder.run.ClaimedTrial>empty();
                    }
                    trialId = rs.getLong(1);
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE trials SET worker = ? WHERE id = ? "
                    + "RETURNING run_id, seq, attempt, task, config, seed")) {
                p.setString(1, workerId);
                p.setLong(2, trialId);
                ResultSet rs = single(p);
                return Optional.of(new io.wayfinder.run.ClaimedTrial(trialId, rs.getLong(1), rs.getInt(2),
                        rs.getInt(3), rs.getInt(4), SqliteRunStore.decodeConfig(rs.getString(5)), rs.getLong(6)));
            }
        });
    }

    @Override
    public boolean renewClaim(long trialId, String workerId, long leaseMillis) {
        return call("renew the claim on trial " + trialId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE work_queue SET lease_until = " + NOW + " + ? "
                    + "WHERE trial_id = ? AND worker = ? AND state = 'CLAIMED'")) {
                p.setLong(1, leaseMillis);
                p.setLong(2, trialId);
                p.setString(3, workerId);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean submitResult(io.wayfinder.run.TrialResult r) {
        return call("store the result of trial " + r.trialId(), c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE work_queue SET state = 'DONE', submitted = " + NOW
                    + ", failed = ?, failure = ?, reward = ?, validation = ?, test = ?, started = ?, finished = ?, "
                    + "details = ? WHERE trial_id = ? AND worker = ? AND state = 'CLAIMED'")) {
                p.setBoolean(1, r.failed());
                p.setString(2, r.failureReason());
                setReal(p, 3, r.reward());
                setReal(p, 4, r.validationMetric());
                setReal(p, 5, r.testMetric());
                p.setLong(6, r.startedMillis());
                p.setLong(7, r.finishedMillis());
                p.setString(8, r.details());
                p.setLong(9, r.trialId());
                p.setString(10, r.worker());
                boolean held = p.executeUpdate() == 1;
                if (held) {
                    try (PreparedStatement w = c.prepareStatement("UPDATE workers SET trials_done = trials_done + 1 "
                            + "WHERE id = ?")) {
                        w.setString(1, r.worker());
                        w.executeUpdate();
                    }
                }
                return held;
            }
        });
    }

    @Override
    public List<io.wayfinder.run.TrialResult> submittedResults(long runId) {
        return call("read the results of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT trial_id, worker, failed, failure, reward, "
                    + "validation, test, started, finished, details FROM work_queue WHERE run_id = ? AND "
                    + "state = 'DONE' ORDER BY submitted, trial_id")) {
                p.setLong(1, runId);
                List<io.wayfinder.run.TrialResult> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.wayfinder.run.TrialResult(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                                rs.getString(4), getReal(rs, 5), getReal(rs, 6), getReal(rs, 7), rs.getLong(8),
                                rs.getLong(9), rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void dequeueTrial(long trialId) {
        call("remove trial " + trialId + " from the queue", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM work_queue WHERE trial_id = ?")) {
                p.setLong(1, trialId);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public java.util.Map<String, Integer> claimedTrials(long runId) {
        return call("read the claimed trials of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT q.worker, t.seq FROM work_queue q JOIN trials t ON "
                    + "t.id = q.trial_id WHERE q.run_id = ? AND q.state = 'CLAIMED' AND q.lease_until >= " + NOW)) {
                p.setLong(1, runId);
                java.util.Map<String, Integer> out = new java.util.HashMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int claimableTrials(long runId) {
        return call("count the queued trials of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM work_queue WHERE run_id = ? AND "
                    + "(state = 'PENDING' OR (state = 'CLAIMED' AND lease_until < " + NOW + "))")) {
                p.setLong(1, runId);
                return single(p).getInt(1);
            }
        });
    }

    @Override
    public void workerHeartbeat(io.wayfinder.run.WorkerRecord w) {
        call("record the heartbeat of worker " + w.id(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO workers(id, host, pid, run_id, state, "
                    + "current_trial, started, heartbeat) VALUES (?,?,?,?,?,?," + NOW + "," + NOW + ") "
                    + "ON CONFLICT(id) DO UPDATE SET run_id = CASE WHEN excluded.run_id > 0 THEN excluded.run_id "
                    + "ELSE workers.run_id END, state = excluded.state, current_trial = excluded.current_trial, "
                    + "heartbeat = excluded.heartbeat")) {
                p.setString(1, w.id());
                p.setString(2, w.host());
                p.setLong(3, w.pid());
                p.setLong(4, w.runId());
                p.setString(5, w.state());
                p.setInt(6, w.currentTrial());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<io.wayfinder.run.WorkerRecord> workers(long runId) {
        return call("list workers", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, host, pid, run_id, state, current_trial, "
                    + "started, heartbeat, trials_done FROM workers" + (runId > 0 ? " WHERE run_id = ?" : "")
                    + " ORDER BY id")) {
                if (runId > 0) {
                    p.setLong(1, runId);
                }
                List<io.wayfinder.run.WorkerRecord> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new io.wayfinder.run.WorkerRecord(rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getLong(7), rs.getLong(8),
                                rs.getInt(9)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public java.util.Map<Long, String> trialWorkers(long runId) {
        return call("read the workers of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, worker FROM trials WHERE run_id = ? AND "
                    + "worker IS NOT NULL")) {
                p.setLong(1, runId);
                java.util.Map<Long, String> out = new java.util.HashMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
                return out;
            }
        });
    }

    // ---- the run lease: one process executes a run ----

    @Override
    public Optional<io.wayfinder.run.RunLease> lease(long runId) {
        return call("read the lease of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT token, pid, host, acquired, heartbeat FROM "
                    + "run_leases WHERE run_id = ?")) {
                p.setLong(1, runId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new io.wayfinder.run.RunLease(runId, rs.getString(1), rs.getLong(2),
                            rs.getString(3), rs.getLong(4), rs.getLong(5))) : Optional.<io.wayfinder.run.RunLease>empty();
                }
            }
        });
    }

    @Override
    public boolean claimLease(io.wayfinder.run.RunLease lease, String replacing) {
        if (run(lease.runId()).isEmpty()) {
            throw new NoSuchElementException("no run " + lease.runId() + " in " + location.shown());
        }
        return call("claim the lease of run " + lease.runId(), c -> {
            // the primary key (or the token of the lease replaced) lets at most one of two claimants through
            String sql = replacing == null
                    ? "INSERT INTO run_leases(token, pid, host, acquired, heartbeat, run_id) VALUES (?,?,?,?,?,?) "
                    + "ON CONFLICT(run_id) DO NOTHING"
                    : "UPDATE run_leases SET token = ?, pid = ?, host = ?, acquired = ?, heartbeat = ? "
                    + "WHERE run_id = ? AND token = ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, lease.token());
                p.setLong(2, lease.pid());
                p.setString(3, lease.host());
                p.setLong(4, lease.acquiredMillis());
                p.setLong(5, lease.heartbeatMillis());
                p.setLong(6, lease.runId());
                if (replacing != null) {
                    p.setString(7, replacing);
                }
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean renewLease(long runId, String token, long heartbeatMillis) {
        return call("renew the lease of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE run_leases SET heartbeat = ? WHERE run_id = ? "
                    + "AND token = ?")) {
                p.setLong(1, heartbeatMillis);
                p.setLong(2, runId);
                p.setString(3, token);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseLease(long runId, String token) {
        call("release the lease of run " + runId, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM run_leases WHERE run_id = ? AND token = ?")) {
                p.setLong(1, runId);
                p.setString(2, token);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c : listeners) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        listeners.clear();
        pool.close();
    }
}

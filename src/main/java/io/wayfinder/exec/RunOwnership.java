package io.wayfinder.exec;

import io.wayfinder.run.RunLease;
import io.wayfinder.store.RunStore;
import io.wayfinder.store.StoreException;
import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's hold on one run: the run's lease in the store, with its heartbeat renewed on a daemon thread every
 * {@link #HEARTBEAT_MILLIS} until {@link #close()} releases it. One process executes a run at a time: {@link #take}
 * refuses a run whose lease is alive and takes over one whose owner is gone (see {@link #judge}).
 */
public final class RunOwnership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunOwnership.class);
    /** How often an owner renews its heartbeat. */
    public static final long HEARTBEAT_MILLIS = 2_000;
    /** A lease whose heartbeat is older than this is dead, whatever host it names (the owner hung or was killed). */
    public static final long STALE_AFTER_MILLIS = 15_000;

    private static final String HOST = hostName();

    /** Whether a lease's owner still executes its run, and if not why. */
    public record Liveness(boolean alive, String reason) {
    }

    private final RunStore store;
    private final RunLease lease;
    private final ScheduledExecutorService heartbeat;
    private volatile boolean lost;
    private volatile String lostTo;
    private volatile boolean closed;

    private RunOwnership(RunStore store, RunLease lease) {
        this.store = store;
        this.lease = lease;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wayfinder-lease-run-" + lease.runId());
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::renew, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the run's lease for this process: a run without a lease, or whose owner is gone, is taken; a run whose
     * owner is alive is refused with a {@link RunBusyException} naming the owner.
     */
    public static RunOwnership take(RunStore store, long runId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long now = System.currentTimeMillis();
            RunLease mine = new RunLease(runId, UUID.randomUUID().toString(), ProcessHandle.current().pid(), HOST,
                    now, now);
            Optional<RunLease> current = store.lease(runId);
            if (current.isPresent()) {
                Liveness l = judge(current.get(), now);
                if (l.alive()) {
                    throw new RunBusyException(runId, current.get(), l.reason());
                }
                if (store.claimLease(mine, current.get().token())) {
                    LOG.info("run {}: took over the lease of {} ({})", runId, current.get().owner(), l.reason());
                    return new RunOwnership(store, mine);
                }
            } else if (store.claimLease(mine, null)) {
                return new RunOwnership(store, mine);
            }
            // another process claimed it between our read and our write: look again
        }
        RunLease holder = store.lease(runId).orElse(null);
        throw new RunBusyException(runId, holder, "it was claimed by another process at the same moment");
    }

    /**
     * Whether a lease's owner is alive at {@code nowMillis}: on this host, whether its process still exists (a killed
     * owner is seen at once); on any host, whether its heartbeat is recent.
     */
    public static Liveness judge(RunLease lease, long nowMillis) {
        long age = Math.max(0, nowMillis - lease.heartbeatMillis());
        if (lease.host().equals(HOST)) {
            boolean exists = ProcessHandle.of(lease.pid()).map(ProcessHandle::isAlive).orElse(false);
            if (!exists) {
                return new Liveness(false, "its process is gone");
            }
        }
        if (age > STALE_AFTER_MILLIS) {
            return new Liveness(false, "no heartbeat for " + age / 1000 + " s");
        }
        return new Liveness(true, "heartbeat " + age / 1000 + " s ago");
    }

    /** This host's name as leases record it. */
    public static String host() {
        return HOST;
    }

    public RunLease lease() {
        return lease;
    }

    /** False once another process has taken the run over (this one must stop writing to it). */
    public boolean held() {
        return !lost;
    }

    /** Who took the run over, once {@link #held()} is false. */
    public String lostTo() {
        return lostTo;
    }

    /** Renews the heartbeat now (also done every {@link #HEARTBEAT_MILLIS} on a daemon thread). */
    public synchronized void renew() {
        if (closed || lost) {
            return;
        }
        try {
            if (!store.renewLease(lease.runId(), lease.token(), System.currentTimeMillis())) {
                lost = true;
                lostTo = store.lease(lease.runId()).map(RunLease::owner).orElse("another process");
                LOG.error("run {}: lease lost to {}; this process stops executing it", lease.runId(), lostTo);
            }
        } catch (StoreException | IllegalStateException e) {
            // a busy or closing store: the next heartbeat tries again
            LOG.warn("run {}: cannot renew the lease: {}", lease.runId(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        heartbeat.shutdownNow();
        if (!lost) {
            try {
                store.releaseLease(lease.runId(), lease.token());
            } catch (StoreException e) {
                LOG.warn("run {}: cannot release the lease: {}", lease.runId(), e.getMessage());
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}

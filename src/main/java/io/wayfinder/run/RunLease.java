package io.wayfinder.run;

/**
 * Who is executing a run: one process holds a run's lease at a time and renews its heartbeat while the run executes.
 * A lease whose heartbeat stopped (the process was killed) may be taken over by another process.
 *
 * @param runId           the run
 * @param token           a random id of this holding (a process that takes a run over writes a new token)
 * @param pid             the owner's process id
 * @param host            the owner's host name
 * @param acquiredMillis  when the owner took the lease (wall clock, milliseconds)
 * @param heartbeatMillis the owner's last heartbeat (wall clock, milliseconds)
 */
public record RunLease(long runId, String token, long pid, String host, long acquiredMillis, long heartbeatMillis) {
    public RunLease {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a lease needs a token");
        }
        if (host == null) {
            throw new IllegalArgumentException("a lease needs a host");
        }
    }

    /** The owner as a person would name it: {@code process 1234 on host alpha}. */
    public String owner() {
        return "process " + pid + " on " + host;
    }

    public RunLease withHeartbeat(long millis) {
        return new RunLease(runId, token, pid, host, acquiredMillis, millis);
    }
}

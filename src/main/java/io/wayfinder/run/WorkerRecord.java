package io.wayfinder.run;

/**
 * A worker process (or a coordinator's local worker thread) as its heartbeats record it.
 *
 * @param id              {@code host:pid} or {@code host:pid:thread}
 * @param host            the machine's name
 * @param pid             the process id
 * @param runId           the run of the trial it claimed last (0 before its first)
 * @param state           {@code idle}, {@code training} or {@code stopped} as it last reported
 * @param currentTrial    the sequence number of the trial it is training, or -1
 * @param startedMillis   when it started
 * @param heartbeatMillis its last heartbeat
 * @param trialsDone      the trials it has finished (results accepted)
 */
public record WorkerRecord(String id, String host, long pid, long runId, String state, int currentTrial,
                           long startedMillis, long heartbeatMillis, int trialsDone) {

    /** Alive when it beat within {@code leaseMillis} of {@code nowMillis}. */
    public boolean alive(long nowMillis, long leaseMillis) {
        return !"stopped".equals(state) && nowMillis - heartbeatMillis <= leaseMillis;
    }

    /** Trials per hour since it started (NaN in its first ten seconds, which would be a guess). */
    public double trialsPerHour() {
        long span = heartbeatMillis - startedMillis;
        return span < 10_000 ? Double.NaN : trialsDone * 3_600_000.0 / span;
    }
}

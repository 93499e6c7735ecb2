package io.wayfinder.service;

import io.wayfinder.exec.Worker;
import io.wayfinder.run.WorkerRecord;
import io.wayfinder.store.RunStore;
import java.util.ArrayList;
import java.util.List;

/**
 * A distributed run's worker as people read it ({@code wayfinder runs} and the workbench's Workers screen use this one
 * reading of the store): alive, stopped or gone, the trial it trains, its rate and how long ago it last beat.
 *
 * @param worker             the worker's stored heartbeat record
 * @param state              {@code idle} or {@code training} while alive, {@code stopped}, or {@code gone} (silent
 *                           for longer than the default lease: killed, or its machine lost)
 * @param currentTrial       the trial it trains now (sequence number), or -1
 * @param trialsPerHour      trials per hour since it started, NaN in its first ten seconds
 * @param heartbeatAgeMillis milliseconds since its last heartbeat, on the store's clock
 */
public record WorkerStatus(WorkerRecord worker, String state, int currentTrial, double trialsPerHour,
                           long heartbeatAgeMillis) {

    /** The workers of a run ({@code runId <= 0}: all), by id; the store's clock judges their heartbeats. */
    public static List<WorkerStatus> of(RunStore store, long runId) {
        List<WorkerRecord> workers = store.workers(runId);
        if (workers.isEmpty()) {
            return List.of();
        }
        long now = store.clockMillis();
        java.util.Map<String, Integer> claims = store.claimedTrials(runId);
        List<WorkerStatus> out = new ArrayList<>(workers.size());
        for (WorkerRecord w : workers) {
            out.add(of(w, now, claims.getOrDefault(w.id(), -1)));
        }
        return out;
    }

    /**
     * One worker's status at {@code nowMillis} (the store's clock). {@code claimedSeq} is the trial it holds in the
     * queue (or -1): a worker heartbeats only from a third of its lease into a trial, so its claim is what says at
     * once that it trains and which trial.
     */
    public static WorkerStatus of(WorkerRecord w, long nowMillis, int claimedSeq) {
        boolean alive = w.alive(nowMillis, Worker.DEFAULT_LEASE_MILLIS);
        if (alive && claimedSeq >= 0) {
            return new WorkerStatus(w, "training", claimedSeq, w.trialsPerHour(),
                    Math.max(0, nowMillis - w.heartbeatMillis()));
        }
        String state = alive ? w.state() : "stopped".equals(w.state()) ? "stopped" : "gone";
        return new WorkerStatus(w, state, alive ? w.currentTrial() : -1, w.trialsPerHour(),
                Math.max(0, nowMillis - w.heartbeatMillis()));
    }

    public boolean alive() {
        return !"stopped".equals(state) && !"gone".equals(state);
    }

    /** The state as one phrase: {@code training}, {@code idle}, {@code stopped} or {@code gone (silent 42 s)}. */
    public String stateText() {
        return "gone".equals(state) ? "gone (silent " + heartbeatAgeMillis / 1000 + " s)" : state;
    }
}

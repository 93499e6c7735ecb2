package io.wayfinder.service;

import io.wayfinder.exec.RunOwnership;
import io.wayfinder.run.RunLease;
import io.wayfinder.run.RunRecord;
import io.wayfinder.run.RunStatus;
import io.wayfinder.store.RunStore;
import java.util.Optional;

/** Tells a run that is executing from one whose process is gone (killed, crashed) by the run's lease. */
public final class RunOwners {
    private RunOwners() {
    }

    /**
     * Why a run that the store shows as running or paused is not executing any more, or empty when its owner is alive
     * (or the run has ended). The reason is one line for a person: {@code process 1234 on alpha stopped: the process no longer exists}.
     */
    public static Optional<String> interruption(RunStore store, RunRecord run) {
        if (run.status() != RunStatus.RUNNING && run.status() != RunStatus.PAUSED) {
            return Optional.empty();
        }
        Optional<RunLease> lease = store.lease(run.id());
        if (lease.isEmpty()) {
            return Optional.of("no process is executing it (the one that did ended without finishing)");
        }
        RunOwnership.Liveness l = RunOwnership.judge(lease.get(), System.currentTimeMillis());
        return l.alive() ? Optional.empty() : Optional.of(lease.get().owner() + " stopped: " + l.reason());
    }
}

package io.wayfinder.exec;

import io.wayfinder.run.RunLease;

/** A run is being executed by another live process, so this one may not execute it. */
public final class RunBusyException extends RuntimeException {
    private final transient RunLease holder;

    public RunBusyException(long runId, RunLease holder, String why) {
        super("run " + runId + " is being executed by " + (holder == null ? "another process" : holder.owner())
                + " (" + why + "); stop that process first, or follow the run in the workbench");
        this.holder = holder;
    }

    public RunLease holder() {
        return holder;
    }
}

package io.wayfinder.run;

/** The state of a run as recorded in the store. */
public enum RunStatus {
    CREATED, RUNNING, PAUSED, STOPPED, FINISHED, FAILED;

    public boolean terminal() {
        return this == FINISHED;
    }
}

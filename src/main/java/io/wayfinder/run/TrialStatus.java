package io.wayfinder.run;

/** The life of a trial. Only complete and failed trials count toward a budget and are observed by the strategy. */
public enum TrialStatus {
    /** Proposed and being trained. */
    RUNNING,
    /** Trained and scored. */
    COMPLETE,
    /** The child failed (diverged, threw, ran out of memory); the strategy received the failure reward. */
    FAILED,
    /** The process ended while the trial was running; it was redone on resume. */
    INTERRUPTED;

    public boolean counted() {
        return this == COMPLETE || this == FAILED;
    }
}

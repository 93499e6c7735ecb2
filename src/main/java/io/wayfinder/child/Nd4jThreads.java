package io.wayfinder.child;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps ND4J's threads for the calling thread. OpenMP keeps the thread count per calling thread, so a child caps them on
 * the thread that trains it (every trial), not only on the thread that created its evaluator: otherwise a trial on a
 * search worker thread runs an OpenMP team of every core (oneDNN's convolutions included), two trials in parallel
 * oversubscribe the cores, and on a loaded machine the teams spin-wait.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    /** Caps ND4J's operations, its OpenMP team and the BLAS pool at {@code threads} (0 leaves them). */
    public static void capOnThisThread(int threads) {
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            // the BLAS (matrix products) keeps its own thread pool, sized to every core when it loads
            if (Nd4j.factory().blas().getMaxThreads() != threads) {
                Nd4j.factory().blas().setMaxThreads(threads);
            }
        }
    }
}

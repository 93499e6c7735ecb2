package io.wayfinder.child;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps the off-heap memory of many small ND4J/SameDiff passes bounded. Every pass leaves native buffers (operation
 * contexts, shape descriptors, the session's intermediate arrays) that are freed only when the garbage collector finds
 * their Java owners unreachable; a small heap fills slowly, so a one-shot search's resident memory climbed to 2.7 GB
 * between collections (resources/benchmarks.md, issue 18). {@link #collectIfOver()} asks for a collection when the
 * resident memory outside the Java heap passes a bound, at most once per {@code minIntervalMillis}.
 *
 * <p>The bound only paces collections: it never fails an allocation (JavaCPP's own {@code maxPhysicalBytes} would
 * throw {@link OutOfMemoryError} instead), and it changes no result.
 */
public final class OffHeapCollector {
    /** Default: 768 MiB outside the heap, checked per pass, a collection at most every half second. */
    public static final long DEFAULT_OFF_HEAP_BYTES = 768L << 20;

    private final long offHeapBytes;
    private final long minIntervalNanos;
    private long lastCollection;
    private int collections;

    public OffHeapCollector(long offHeapBytes, long minIntervalMillis) {
        if (offHeapBytes <= 0 || minIntervalMillis < 0) {
            throw new IllegalArgumentException("bound must be positive and the interval non-negative");
        }
        this.offHeapBytes = offHeapBytes;
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
        this.lastCollection = System.nanoTime() - minIntervalNanos;
    }

    public static OffHeapCollector withDefaults() {
        return new OffHeapCollector(DEFAULT_OFF_HEAP_BYTES, 500);
    }

    /** Resident memory outside the committed Java heap, in bytes (an estimate: metaspace and code are in it too). */
    public static long offHeapResidentBytes() {
        return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
    }

    /** Requests a collection when over the bound and the last one is long enough ago; true when it did. */
    public boolean collectIfOver() {
        long now = System.nanoTime();
        if (now - lastCollection < minIntervalNanos || offHeapResidentBytes() <= offHeapBytes) {
            return false;
        }
        System.gc();
        lastCollection = System.nanoTime();
        collections++;
        return true;
    }

    /** How many collections this collector asked for. */
    public int collections() {
        return collections;
    }
}

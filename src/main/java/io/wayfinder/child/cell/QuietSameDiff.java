package io.wayfinder.child.cell;

import java.io.PrintStream;

/**
 * SameDiff 1.0.0-M2.1 prints one "Added differentiated op ..." line per operation to standard output (an
 * unconditional {@code System.out.println} in {@code SameDiff.createGradFunction}): thousands of lines per unrolled
 * cell. This wraps standard output once so those lines, and only those, are dropped.
 */
public final class QuietSameDiff {
    private static final String NOISE = "Added differentiated op ";

    private QuietSameDiff() {
    }

    public static synchronized void install() {
        if (System.out instanceof Filter) {
            return;
        }
        System.setOut(new Filter(System.out));
    }

    private static final class Filter extends PrintStream {
        Filter(PrintStream target) {
            super(target, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith(NOISE)) {
                super.println(line);
            }
        }
    }
}

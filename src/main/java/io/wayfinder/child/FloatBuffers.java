package io.wayfinder.child;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Direct access to a float array's native memory, for the Java kernels that sweep it without copies. */
final class FloatBuffers {
    private FloatBuffers() {
    }

    /**
     * The index in {@code data} (its data buffer's {@code asNioFloat()}, positioned at the buffer's offset) of
     * {@code a}'s first element.
     */
    static int start(INDArray a, FloatBuffer data) {
        return data.position() + (int) (a.offset() - a.data().offset());
    }
}

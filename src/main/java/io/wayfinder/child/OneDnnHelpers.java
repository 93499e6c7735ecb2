package io.wayfinder.child;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Routes the convolutions and batch normalisations of a conv-net child through oneDNN.
 *
 * <p>Deeplearning4j 1.0.0-M2.1 has oneDNN helpers for these layers ({@link MKLDNNConvHelper},
 * {@link MKLDNNBatchNormHelper}), but never uses them: helper creation is off unless the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false}, and even then their availability check
 * ({@code BaseMKLDNNHelper.mklDnnEnabled}) looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that
 * moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings} in that release, so the check always fails. Without the
 * helpers DL4J convolves by its own im2col into a strided buffer plus GEMM, measured at 7% of one core's peak
 * (see {@code wayfinder bench convnet}). This class puts the helpers in place after {@code init()}, when the ND4J
 * build in use has oneDNN ({@code HAVE_ONEDNN} in its build information, the {@code linux-x86_64-onednn}
 * classifier this project ships); with any other build it leaves the network alone. Same seed, same results
 * within float rounding: {@code OneDnnHelpersTest} compares loss curves of both paths.
 *
 * <p>Set the environment variable {@code WAYFINDER_ONEDNN=off} (or system property {@code wayfinder.onednn=off}) to
 * train with DL4J's built-in path, e.g. to time it.
 */
public final class OneDnnHelpers {
    private static volatile Boolean available;

    private OneDnnHelpers() {
    }

    /** Whether the ND4J build in use has oneDNN, on the CPU backend, and the user has not switched it off. */
    public static boolean available() {
        if (!enabledByUser()) {
            return false;
        }
        Boolean a = available;
        if (a == null) {
            a = detect();
            available = a;
        }
        return a;
    }

    private static boolean enabledByUser() {
        String p = System.getProperty("wayfinder.onednn");
        if (p == null) {
            p = System.getenv("WAYFINDER_ONEDNN");
        }
        return p == null || !(p.equalsIgnoreCase("off") || p.equalsIgnoreCase("false") || p.equals("0"));
    }

    private static boolean detect() {
        try {
            String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
            if (!"CPU".equalsIgnoreCase(backend)) {
                return false;
            }
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            return info != null && info.contains("HAVE_ONEDNN");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** A short description for provenance and benchmark reports. */
    public static String describe() {
        return available() ? "oneDNN convolution + batch norm" : "DL4J built-in convolution (im2col + GEMM)";
    }

    /**
     * Puts oneDNN helpers into every convolution and batch-norm layer of an initialised float network, when
     * {@link #available()}; returns how many layers now use them (0 when not available).
     */
    public static int install(ComputationGraph net) {
        if (!available()) {
            return 0;
        }
        int n = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
                set(ConvolutionLayer.class, conv, new ConvHelper(layer.getParam("W").dataType()));
                n++;
            } else if (layer instanceof BatchNormalization bn) {
                set(BatchNormalization.class, bn, new BatchNormHelper(bn.getParam("gamma").dataType()));
                n++;
            }
        }
        return n;
    }

    private static void set(Class<?> type, Object layer, Object helper) {
        try {
            Field f = type.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the oneDNN helper into " + type.getSimpleName()
                    + " (Deeplearning4j version changed?): " + e, e);
        }
    }

    /** DL4J's oneDNN convolution helper with a working availability check. */
    private static final class ConvHelper extends MKLDNNConvHelper {
        ConvHelper(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported() {
            return available();
        }
    }

    /** DL4J's oneDNN batch-norm helper with a working availability check. */
    private static final class BatchNormHelper extends MKLDNNBatchNormHelper {
        BatchNormHelper(DataType dataType) {
            super(dataType);
        }

        @Override
        public boolean checkSupported() {
            return available();
        }

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return available() && !fixedGammaBeta;
        }
    }
}

package io.wayfinder.child;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * <p>Two more savings on top of DL4J's helpers (mode {@link Mode#FAST}, the default): DL4J's convolution layer
 * recomputes its forward convolution at the start of every backward pass (only to feed its activation's
 * derivative, which for the identity activation of our conv layers ignores it), so the helper hands back the output
 * of this minibatch's forward pass instead; and the batch-norm helper computes the batch statistics and the whole
 * backward pass with {@link BatchNormKernels} instead of ND4J's strided reductions and libnd4j's {@code batchnorm_bp}.
 * Both give the same numbers up to float rounding ({@code OneDnnHelpersTest} compares loss curves and parameters of
 * all three paths).
 *
 * <p>Set the environment variable {@code WAYFINDER_ONEDNN} (or system property {@code wayfinder.onednn}) to
 * {@code off} to train with DL4J's built-in path, or to {@code dl4j} for DL4J's oneDNN helpers without the two
 * savings, e.g. to time them ({@code wayfinder bench convnet} does).
 */
public final class OneDnnHelpers {
    private static volatile Boolean available;

    /** Which path conv-net children train on. */
    public enum Mode {
        /** DL4J's built-in convolution (im2col + GEMM) and batch norm. */
        OFF,
        /** DL4J's own oneDNN helpers, as shipped. */
        DL4J,
        /** DL4J's oneDNN helpers, the forward output reused in backprop, own batch-norm kernels (the default). */
        FAST
    }

    private OneDnnHelpers() {
    }

    /** Whether the ND4J build in use has oneDNN, on the CPU backend, and the user has not switched it off. */
    public static boolean available() {
        if (mode() == Mode.OFF) {
            return false;
        }
        Boolean a = available;
        if (a == null) {
            a = detect();
            available = a;
        }
        return a;
    }

    /** The path the user asked for ({@code WAYFINDER_ONEDNN} / {@code wayfinder.onednn}; default {@link Mode#FAST}). */
    public static Mode mode() {
        String p = System.getProperty("wayfinder.onednn");
        if (p == null) {
            p = System.getenv("WAYFINDER_ONEDNN");
        }
        if (p == null) {
            return Mode.FAST;
        }
        if (p.equalsIgnoreCase("off") || p.equalsIgnoreCase("false") || p.equals("0")) {
            return Mode.OFF;
        }
        return p.equalsIgnoreCase("dl4j") ? Mode.DL4J : Mode.FAST;
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
        if (!available()) {
            return "DL4J built-in convolution (im2col + GEMM)";
        }
        return mode() == Mode.DL4J ? "oneDNN convolution + batch norm (DL4J's helpers as shipped)"
                : "oneDNN convolution + batch norm (forward reused in backprop, own batch-norm kernels)";
    }

    /**
     * Puts oneDNN helpers into every convolution and batch-norm layer of an initialised float network, when
     * {@link #available()}; returns how many layers now use them (0 when not available).
     */
    public static int install(ComputationGraph net) {
        return install(net, mode());
    }

    /** {@link #install(ComputationGraph)} on the given path (for tests and benchmarks comparing paths). */
    static int install(ComputationGraph net, Mode mode) {
        if (mode == Mode.OFF || !available()) {
            return 0;
        }
        boolean fast = mode == Mode.FAST;
        int n = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
                boolean identity = conv.layerConf().getActivationFn() instanceof ActivationIdentity;
                set(ConvolutionLayer.class, conv, new ConvHelper(layer.getParam("W").dataType(), fast && identity));
                n++;
            } else if (layer instanceof BatchNormalization bn) {
                set(BatchNormalization.class, bn, new BatchNormHelper(bn.getParam("gamma").dataType(), fast));
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

    /**
     * DL4J's oneDNN convolution helper with a working availability check; with {@code reuseForward}, the backward
     * pass's recomputation of the forward convolution returns this minibatch's forward output instead (same
     * input and weight arrays, its workspace still open), which is only sound for the identity activation:
     * ActivationIdentity's derivative never reads (nor overwrites) it.
     */
    static final class ConvHelper extends MKLDNNConvHelper {
        private static final String LAYER = ConvolutionLayer.class.getName();
        private final boolean reuseForward;
        private INDArray lastInput;
        private INDArray lastWeights;
        private INDArray lastOutput;
        private long reused;

        ConvHelper(DataType dataType, boolean reuseForward) {
            super(dataType);
            this.reuseForward = reuseForward;
        }

        @Override
        public boolean checkSupported() {
            return available();
        }

        @Override
        public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
                                  int[] pad, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                                  org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo,
                                  ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                                  LayerWorkspaceMgr workspaceMgr) {
            if (!reuseForward) {
                return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                        dilation, format, workspaceMgr);
            }
            INDArray cached = lastOutput;
            boolean sameOperands = cached != null && lastInput == input && lastWeights == weights;
            lastInput = null;
            lastWeights = null;
            lastOutput = null;
            if (sameOperands && !cached.wasClosed() && inBackprop()) {
                reused++;
                return cached;
            }
            INDArray out = super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo,
                    convolutionMode, dilation, format, workspaceMgr);
            lastInput = input;
            lastWeights = weights;
            lastOutput = out;
            return out;
        }

        /** How many backward passes used the forward output instead of recomputing it (for tests). */
        long reused() {
            return reused;
        }

        /** Whether DL4J's convolution layer is calling from its backward pass (a few frames up). */
        private static boolean inBackprop() {
            return StackWalker.getInstance().walk(frames -> frames.limit(8).anyMatch(
                    f -> f.getMethodName().equals("backpropGradient") && f.getClassName().equals(LAYER)));
        }
    }

    /**
     * DL4J's oneDNN batch-norm helper with a working availability check; with {@code ownKernels}, the training
     * batch's mean and variance come from {@link BatchNormKernels} and the normalisation runs with them through the
     * helper's inference path (the same oneDNN call with given statistics; the layer's running averages read them
     * from the fields the helper keeps them in), and the backward pass is {@link BatchNormKernels#backward}.
     */
    private static final class BatchNormHelper extends MKLDNNBatchNormHelper {
        private static final Field MEAN = field("meanCache");
        private static final Field VARIANCE = field("varCache");
        private final boolean ownKernels;
        private final BatchNormKernels kernels = new BatchNormKernels();
        private INDArray mean;
        private INDArray variance;
        private INDArray statisticsOf;

        BatchNormHelper(DataType dataType, boolean ownKernels) {
            super(dataType);
            this.ownKernels = ownKernels;
        }

        @Override
        public boolean checkSupported() {
            return available();
        }

        @Override
        public boolean checkSupported(double eps, boolean fixedGammaBeta) {
            return available() && !fixedGammaBeta;
        }

        @Override
        public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                                  INDArray globalMean, INDArray globalVar, double decay, double eps,
                                  CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
            statisticsOf = null;
            if (!ownKernels || !training || format != CNN2DFormat.NCHW || !BatchNormKernels.supports(x)) {
                return super.preOutput(x, training, shape, gamma, beta, globalMean, globalVar, decay, eps, format,
                        workspaceMgr);
            }
            long channels = x.size(1);
            if (mean == null || mean.length() != channels) {
                MemoryWorkspace outside = Nd4j.getMemoryManager().scopeOutOfWorkspaces();
                try {
                    mean = Nd4j.createUninitialized(x.dataType(), channels);
                    variance = Nd4j.createUninitialized(x.dataType(), channels);
                } finally {
                    outside.close();
                }
            }
            kernels.meanAndVariance(x, mean, variance);
            try {
                MEAN.set(this, mean);
                VARIANCE.set(this, variance);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot hand the batch statistics to DL4J's batch-norm helper", e);
            }
            statisticsOf = x;
            return super.preOutput(x, false, shape, gamma, beta, mean, variance, decay, eps, format, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray x, INDArray epsilon, long[] shape, INDArray gamma,
                                                          INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                          double eps, CNN2DFormat format,
                                                          LayerWorkspaceMgr workspaceMgr) {
            if (statisticsOf != x || gamma == null || beta == null || !BatchNormKernels.supports(epsilon)) {
                return super.backpropGradient(x, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                        workspaceMgr);
            }
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape());
            kernels.backward(x, epsilon, mean, variance, gamma, eps, dGammaView, dBetaView, dx);
            Gradient g = new DefaultGradient();
            g.setGradientFor("gamma", dGammaView);
            g.setGradientFor("beta", dBetaView);
            return new Pair<>(g, dx);
        }

        private static Field field(String name) {
            try {
                Field f = MKLDNNBatchNormHelper.class.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("DL4J's MKLDNNBatchNormHelper has no field " + name
                        + " (Deeplearning4j version changed?): " + e, e);
            }
        }
    }
}

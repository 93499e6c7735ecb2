package io.wayfinder.child;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * A dense layer without bias on a bag of tokens, read sparsely: the same weights {@code W} [rows x out], the same
 * initialisation, regularisation and updater as a {@link DenseLayer} whose input is the bag's [batch x rows] matrix,
 * but its input lists each example's tokens instead, [batch x 2L]: L row ids (as floats, padding any id) and then L
 * weights (0 for padding). The output {@code sum_j weight_j * W[id_j]} and the gradient {@code dW[id_j] +=
 * weight_j * dL/dout} touch only the listed rows; the gradient of the other rows is zero, exactly as the dense
 * product gives it, so Deeplearning4j's updater (Adagrad, L1, L2, clipping) sees the same gradient. Only the order
 * of float additions differs ({@code TextLookupPathsTest} compares whole training runs).
 *
 * <p>Why: a text child's bags are [100 x 20,000-40,000] matrices with a few dozen non-zeros per row; building them
 * and multiplying by them was most of a text trial's time (see {@code resources/benchmarks.md}).
 */
public final class SparseBagLayer extends DenseLayer {
    /** For Jackson (configuration JSON). */
    public SparseBagLayer() {
    }

    /** The sparse form of {@code dense} (a built dense layer without bias, identity activation). */
    public static SparseBagLayer of(DenseLayer dense) {
        if (dense.hasBias() || dense.hasLayerNorm() || !(dense.getActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("a sparse bag layer has no bias, no layer norm, identity activation");
        }
        SparseBagLayer s = new SparseBagLayer();
        for (Class<?> k = DenseLayer.class; k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(s, f.get(dense));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy " + k.getSimpleName() + "." + f.getName()
                            + " (Deeplearning4j version changed?): " + e, e);
                }
            }
        }
        return s;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        Impl layer = new Impl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /**
     * One example's tokens as a row of a sparse bag input: {@code ids} then {@code weights}, each padded to
     * {@code width} (ids with 0, weights with 0).
     */
    static void putRow(float[] out, int row, int width, int[] ids, float[] weights, float weight) {
        int base = row * 2 * width;
        for (int j = 0; j < ids.length; j++) {
            out[base + j] = ids[j];
            out[base + width + j] = weights == null ? weight : weights[j];
        }
    }

    /** A float matrix's elements in c order, read in one copy (a c-order copy first when it is a view). */
    static float[] matrix(INDArray m) {
        INDArray c = m.ordering() == 'c' && Shape.hasDefaultStridesForShape(m) && m.dataType() == DataType.FLOAT
                ? m : m.castTo(DataType.FLOAT).dup('c');
        float[] out = new float[(int) c.length()];
        FloatBuffer b = c.data().asNioFloat();
        b.get(FloatBuffers.start(c, b), out, 0, out.length);
        return out;
    }

    /** The layer itself. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }


        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            int batch = (int) input.size(0);
            int width = (int) (input.size(1) / 2);
            float[] in = matrix(input);
            INDArray w = getParamWithNoise("W", training, workspaceMgr);
            int out = (int) w.size(1);
            FloatBuffer wb = w.data().asNioFloat();
            int base = FloatBuffers.start(w, wb);
            long rowStride = w.stride(0);
            long colStride = w.stride(1);
            float[] result = new float[batch * out];
            for (int i = 0; i < batch; i++) {
                int x = i * 2 * width;
                for (int j = 0; j < width; j++) {
                    float weight = in[x + width + j];
                    if (weight == 0f) {
                        continue;
                    }
                    long row = base + (long) in[x + j] * rowStride;
                    int o0 = i * out;
                    for (int o = 0; o < out; o++) {
                        result[o0 + o] += weight * wb.get((int) (row + o * colStride));
                    }
                }
            }
            INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(),
                    new long[] {batch, out}, 'c');
            FloatBuffer rb = ret.data().asNioFloat();
            rb.put(FloatBuffers.start(ret, rb), result, 0, result.length);
            return ret;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            int batch = (int) input.size(0);
            int width = (int) (input.size(1) / 2);
            float[] in = matrix(input);
            float[] eps = matrix(epsilon);
            INDArray grad = gradientViews.get("W");
            grad.assign(0);
            int out = (int) grad.size(1);
            FloatBuffer gb = grad.data().asNioFloat();
            int base = FloatBuffers.start(grad, gb);
            long rowStride = grad.stride(0);
            long colStride = grad.stride(1);
            for (int i = 0; i < batch; i++) {
                int x = i * 2 * width;
                int e = i * out;
                for (int j = 0; j < width; j++) {
                    float weight = in[x + width + j];
                    if (weight == 0f) {
                        continue;
                    }
                    long row = base + (long) in[x + j] * rowStride;
                    for (int o = 0; o < out; o++) {
                        int k = (int) (row + o * colStride);
                        gb.put(k, gb.get(k) + weight * eps[e + o]);
                    }
                }
            }
            Gradient g = new DefaultGradient();
            g.gradientForVariable().put("W", grad);
            // nothing below this layer (it reads the graph's input): no epsilon, as DL4J's embedding layers do
            return new Pair<>(g, null);
        }
    }
}

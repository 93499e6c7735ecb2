package io.wayfinder.child.oneshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wayfinder.run.Rng;
import io.wayfinder.task.oneshot.OneShotModel.Block;
import io.wayfinder.task.oneshot.OneShotModel.Mixing;
import io.wayfinder.task.oneshot.OneShotModel.Pass;
import io.wayfinder.task.oneshot.OneShotModel.Split;
import org.junit.jupiter.api.Test;

class Nb201SupernetTest {
    private static final int[] BATCH = {0, 1, 2, 3};

    /** Random 6x6 grey images of 3 classes: small enough for finite differences in double precision. */
    static Nb201Supernet.Images tinyImages(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] px = new float[n * 36];
        int[] labels = new int[n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new Nb201Supernet.Images(px, labels, px.clone(), labels.clone(), 6, 6, 3, "tiny", "none");
    }

    static double[][] randomAlphas(long seed) {
        Rng rng = new Rng(seed);
        double[][] a = new double[6][5];
        for (double[] row : a) {
            for (int k = 0; k < row.length; k++) {
                row[k] = rng.nextDouble() - 0.5;
            }
        }
        return a;
    }

    @Test
    void relaxedCellGradientsMatchFiniteDifferences() {
        Nb201Supernet net = new Nb201Supernet(tinyImages(1, 4), 2, 1, 4, true, null);
        double[] w = net.initialWeights(7);
        double[][] alphas = randomAlphas(3);
        Mixing mixing = new Mixing(alphas, null, 0.3);
        Pass p = net.pass(w, mixing, Split.TRAIN, BATCH, true, true);
        double h = 1e-5;
        // every architecture weight
        for (int e = 0; e < 6; e++) {
            for (int k = 0; k < 5; k++) {
                double keep = alphas[e][k];
                alphas[e][k] = keep + h;
                double up = net.pass(w, mixing, Split.TRAIN, BATCH, false, false).loss();
                alphas[e][k] = keep - h;
                double down = net.pass(w, mixing, Split.TRAIN, BATCH, false, false).loss();
                alphas[e][k] = keep;
                assertClose((up - down) / (2 * h), p.alphaGradient()[e][k], "alpha[" + e + "][" + k + "]");
            }
        }
        // a sample of the weights of every block (stem, every convolution, classifier)
        Rng pick = new Rng(11);
        for (Block b : net.blocks()) {
            for (int t = 0; t < 4; t++) {
                int i = b.offset() + pick.nextInt(b.length());
                double keep = w[i];
                w[i] = keep + h;
                double up = net.pass(w, mixing, Split.TRAIN, BATCH, false, false).loss();
                w[i] = keep - h;
                double down = net.pass(w, mixing, Split.TRAIN, BATCH, false, false).loss();
                w[i] = keep;
                assertClose((up - down) / (2 * h), p.weightGradient()[i], b.name() + "[" + (i - b.offset()) + "]");
            }
        }
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double scale = Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
        assertTrue(Math.abs(numeric - analytic) / scale < 1e-4,
                what + ": finite difference " + numeric + ", gradient " + analytic);
    }

    @Test
    void oneHotArchitectureGivesTheDerivedStandaloneCellsOutputs() {
        Nb201Supernet.Images data = tinyImages(2, 4);
        int[] cell = {3, 0, 1, 4, 2, 1};
        Nb201Supernet supernet = new Nb201Supernet(data, 3, 2, 4, true, null);
        Nb201Supernet standalone = new Nb201Supernet(data, 3, 2, 4, true, cell);
        double[] w = supernet.initialWeights(5);
        // the standalone cell's weights are the super-network's blocks of the chosen operations
        double[] ws = new double[standalone.parameterCount()];
        for (Block b : standalone.blocks()) {
            Block src = supernet.blocks().stream().filter(x -> x.name().equals(b.name())).findFirst().orElseThrow();
            System.arraycopy(w, src.offset(), ws, b.offset(), b.length());
        }
        double[][] oneHot = new double[6][5];
        for (int e = 0; e < 6; e++) {
            oneHot[e][cell[e]] = 1000; // softmax of 1000 against 0 is exactly one-hot in double precision
        }
        double[][] expected = standalone.logits(ws, null, Split.TRAIN, BATCH);
        double[][] relaxed = supernet.logits(w, Mixing.relaxed(oneHot), Split.TRAIN, BATCH);
        double[][] path = supernet.logits(w, new Mixing(randomAlphas(9), cell, 0), Split.TRAIN, BATCH);
        for (int i = 0; i < BATCH.length; i++) {
            assertArrayEquals(expected[i], relaxed[i], 1e-9);
            assertArrayEquals(expected[i], path[i], 1e-9);
        }
        // and a different cell gives different outputs, so the comparison is not vacuous
        int[] other = cell.clone();
        other[5] = 3;
        double[][] changed = supernet.logits(w, new Mixing(oneHot, other, 0), Split.TRAIN, BATCH);
        double diff = 0;
        for (int i = 0; i < BATCH.length; i++) {
            for (int k = 0; k < 3; k++) {
                diff = Math.max(diff, Math.abs(changed[i][k] - expected[i][k]));
            }
        }
        assertTrue(diff > 1e-6, "another cell changed the logits by only " + diff);
        assertEquals(5 * 0 + standalone.parameterCount(), ws.length);
    }
}

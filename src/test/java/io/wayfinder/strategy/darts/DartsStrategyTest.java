package io.wayfinder.strategy.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.Settings;
import io.wayfinder.run.PolicySnapshot;
import io.wayfinder.run.Rng;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.task.oneshot.OneShotModel.Mixing;
import io.wayfinder.task.oneshot.OneShotModel.Split;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DartsStrategyTest {
    static final SearchSpace NB201 = SearchSpaceCodec.read(Path.of("sample-projects", "spaces", "nas-bench-201.json"));
    static final int[] ALL_CONV3 = {3, 3, 3, 3, 3, 3};

    static DartsSettings settings(Consumer<ObjectNode> edit) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("epochs", 20);
        n.put("stepsPerEpoch", 25);
        n.put("weightLr", 0.1);
        n.put("weightLrMin", 0.1);
        n.put("weightDecay", 0);
        n.put("alphaLr", 0.05);
        n.put("alphaWeightDecay", 0);
        edit.accept(n);
        return DartsSettings.parse(new Settings("test.json", "$.strategy.settings", n));
    }

    static DartsStrategy strategy(DartsSettings s, ToyCellModel model) {
        return new DartsStrategy(NB201, 1, s, 1, () -> model, "test.json");
    }

    @Test
    void firstOrderDartsFindsTheKnownBestOperationOfAToyCell() {
        DartsStrategy d = strategy(settings(n -> { }), new ToyCellModel());
        int[] first = d.propose(0).indices();
        for (int t = 1; t < 20; t++) {
            d.propose(0);
        }
        // after one epoch the untrained weights still favour skip; at the end conv3x3 wins on every edge
        assertArrayEquals(new int[]{1, 1, 1, 1, 1, 1}, first);
        assertArrayEquals(ALL_CONV3, d.propose(0).indices());
        assertTrue(d.finished());
        PolicySnapshot p = d.policy(0, 20).orElseThrow();
        assertTrue(p.probabilities()[0][3] > 0.5, "softmax(alpha) of conv3x3: " + p.probabilities()[0][3]);
    }

    @Test
    void secondOrderDartsFindsItToo() {
        DartsStrategy d = strategy(settings(n -> n.put("order", "second")), new ToyCellModel());
        for (int t = 0; t < 20; t++) {
            d.propose(0);
        }
        assertArrayEquals(ALL_CONV3, d.propose(0).indices());
    }

    @Test
    void secondOrderGradientIsTheGradientOfTheUnrolledValidationLoss() {
        ToyCellModel m = new ToyCellModel();
        DartsStrategy d = strategy(settings(n -> {
            n.put("order", "second");
            n.put("weightDecay", 0.01);
        }), m);
        d.propose(0); // one epoch: non-zero weights, momentum and architecture weights
        Rng rng = new Rng(3);
        double[] w = new double[12];
        double[][] a = new double[6][5];
        for (int i = 0; i < 12; i++) {
            w[i] = rng.nextDouble();
        }
        for (double[] row : a) {
            for (int k = 0; k < 5; k++) {
                row[k] = rng.nextDouble() - 0.5;
            }
        }
        double lr = 0.3;
        int[] batch = {0};
        double[][] analytic = d.unrolledGradient(m, w, Mixing.relaxed(a), batch, batch, lr).alphaGradient();
        double h = 1e-6;
        for (int e = 0; e < 6; e++) {
            for (int k = 0; k < 5; k++) {
                double keep = a[e][k];
                a[e][k] = keep + h;
                double up = unrolledValidationLoss(m, d, w, a, lr);
                a[e][k] = keep - h;
                double down = unrolledValidationLoss(m, d, w, a, lr);
                a[e][k] = keep;
                assertEquals((up - down) / (2 * h), analytic[e][k], 1e-6, "edge " + e + " op " + k);
            }
        }
    }

    /** L_val(w - lr (momentum v + dL_train/dw + decay w), a), computed directly. */
    private static double unrolledValidationLoss(ToyCellModel m, DartsStrategy d, double[] w, double[][] a,
                                                 double lr) {
        double[] g = m.pass(w, Mixing.relaxed(a), Split.TRAIN, new int[]{0}, true, false).weightGradient();
        double[] v = d.momentumForTest();
        double[] u = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            u[i] = w[i] - lr * (0.9 * v[i] + g[i] + 0.01 * w[i]);
        }
        return m.pass(u, Mixing.relaxed(a), Split.VALIDATION, new int[]{0}, false, false).loss();
    }

    @Test
    void resumingFromSavedStateContinuesExactly() {
        DartsSettings s = settings(n -> n.put("order", "second"));
        DartsStrategy a = strategy(s, new ToyCellModel());
        for (int t = 0; t < 5; t++) {
            a.propose(0);
        }
        DartsStrategy b = strategy(s, new ToyCellModel());
        b.restore(a.state());
        for (int t = 0; t < 6; t++) {
            assertArrayEquals(a.propose(0).indices(), b.propose(0).indices());
        }
        assertArrayEquals(a.state(), b.state());
        assertEquals(11, a.epochsDone());
    }

    @Test
    void everyTaskOfAnEpochGetsTheSameCellAndTheEpochRunsOnce() {
        ToyCellModel m = new ToyCellModel();
        DartsStrategy d = new DartsStrategy(NB201, 2, settings(n -> { }), 1, () -> m, "test.json");
        d.propose(0);
        int passes = m.passes;
        d.propose(1);
        assertEquals(passes, m.passes, "the second task's proposal trains nothing");
        assertEquals(1, d.epochsDone());
        d.propose(1);
        assertEquals(2, d.epochsDone());
    }

    @Test
    void earlyStopEndsTheSearchOnceTheCellHasTooManySkipsAndKeepsProposingTheKeptCell() {
        ToyCellModel m = new ToyCellModel();
        // on the toy the first epoch's cell is all skip (6 > maxSkips 1): the search stops there
        DartsStrategy d = strategy(settings(n -> {
            n.put("remedy", "early-stop");
            n.put("maxSkips", 1);
        }), m);
        int[] first = d.propose(0).indices();
        int passes = m.passes;
        assertTrue(d.finished());
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(first, d.propose(0).indices());
        }
        assertEquals(passes, m.passes, "no training after the early stop");
        assertEquals(1, d.epochsDone());
        // without the remedy the same search goes on and leaves the skips behind
        DartsStrategy plain = strategy(settings(n -> { }), new ToyCellModel());
        for (int t = 0; t < 20; t++) {
            plain.propose(0);
        }
        assertArrayEquals(ALL_CONV3, plain.propose(0).indices());
    }

    @Test
    void dartsMinusAuxiliarySkipDecaysLinearlyToZeroOverTheEpochs() {
        ToyCellModel m = new ToyCellModel();
        DartsStrategy d = strategy(settings(n -> {
            n.put("remedy", "darts-minus");
            n.put("epochs", 4);
            n.put("stepsPerEpoch", 1);
        }), m);
        for (int t = 0; t < 4; t++) {
            d.propose(0);
        }
        // one architecture pass and one weight pass per step, one step per epoch: 1, 0.75, 0.5, 0.25
        assertEquals(java.util.List.of(1.0, 1.0, 0.75, 0.75, 0.5, 0.5, 0.25, 0.25), m.auxiliarySkips);
        DartsStrategy none = strategy(settings(n -> n.put("epochs", 2)), m);
        m.auxiliarySkips.clear();
        none.propose(0);
        assertTrue(m.auxiliarySkips.stream().allMatch(b -> b == 0.0));
    }
}

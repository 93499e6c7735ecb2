package io.wayfinder.strategy.enas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.Settings;
import io.wayfinder.space.SearchSpace;
import io.wayfinder.space.SearchSpaceCodec;
import io.wayfinder.strategy.darts.ToyCellModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EnasStrategyTest {
    static final SearchSpace NB201 = SearchSpaceCodec.read(Path.of("sample-projects", "spaces", "nas-bench-201.json"));

    static EnasSettings settings() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("epochs", 30);
        n.put("stepsPerEpoch", 20);
        n.put("weightLr", 0.1);
        n.put("weightLrMin", 0.1);
        n.put("weightDecay", 0);
        n.put("learningRate", 0.02);
        n.put("controllerSteps", 50);
        return EnasSettings.parse(new Settings("test.json", "$.strategy.settings", n));
    }

    @Test
    void theControllerLearnsTheKnownBestOperationOfAToyCellFromSharedWeights() {
        EnasStrategy s = new EnasStrategy(NB201, 1, settings(), 1, ToyCellModel::new, "test.json");
        float[][] before = s.policy(0, 0).orElseThrow().probabilities();
        int[] cell = null;
        for (int t = 0; t < 30; t++) {
            cell = s.propose(0).indices();
        }
        float[][] after = s.policy(0, 30).orElseThrow().probabilities();
        // the controller moves towards conv3x3 (uniform is 0.2; REINFORCE over 6 edges assigns credit slowly), and
        // no operation is more frequent than conv3x3 in the proposed cell
        double meanBefore = 0;
        double meanAfter = 0;
        for (int e = 0; e < 6; e++) {
            meanBefore += before[e][3] / 6;
            meanAfter += after[e][3] / 6;
        }
        int[] counts = new int[5];
        for (int op : cell) {
            counts[op]++;
        }
        assertTrue(meanAfter > 0.3 && meanBefore < 0.25, "mean p(conv3x3): " + meanBefore + " -> " + meanAfter);
        for (int op = 0; op < 5; op++) {
            assertTrue(op == 3 || counts[op] <= counts[3], "proposed cell " + java.util.Arrays.toString(cell));
        }
    }

    @Test
    void resumingFromSavedStateContinuesExactly() {
        EnasStrategy a = new EnasStrategy(NB201, 1, settings(), 2, ToyCellModel::new, "test.json");
        for (int t = 0; t < 3; t++) {
            a.propose(0);
        }
        EnasStrategy b = new EnasStrategy(NB201, 1, settings(), 2, ToyCellModel::new, "test.json");
        b.restore(a.state());
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(a.propose(0).indices(), b.propose(0).indices());
        }
        assertArrayEquals(a.state(), b.state());
        assertEquals(6, a.epochsDone());
    }

    @Test
    void multitaskEnasSharesOneWeightVectorAndOneControllerWithAnEmbeddingPerTask() {
        ToyCellModel[] toys = {new ToyCellModel(), new ToyCellModel()};
        java.util.List<java.util.function.Supplier<io.wayfinder.task.oneshot.OneShotModel>> factories =
                java.util.List.of(() -> toys[0], () -> toys[1]);
        EnasStrategy s = new EnasStrategy(NB201, 2, settings(), 3, factories, "test.json");
        assertEquals(2, s.supernets());
        // the first task's proposal runs the epoch for both; the second task's proposal in that epoch does not
        s.propose(0);
        int afterFirst = toys[0].passes + toys[1].passes;
        s.propose(1);
        assertEquals(afterFirst, toys[0].passes + toys[1].passes);
        assertEquals(1, s.epochsDone());
        // every weight step took one batch of each task, every controller step one reward per task
        assertEquals(toys[0].passes, toys[1].passes);
        assertEquals(20 + 50 + 10, toys[0].passes);
        double[][] emb = s.taskEmbeddings().orElseThrow();
        assertEquals(2, emb.length);
        assertTrue(!java.util.Arrays.equals(emb[0], emb[1]), "each task has its own embedding");
        // the super-network's notes hold both tasks' batches, interleaved
        io.wayfinder.run.SupernetEpoch e = io.wayfinder.run.SupernetEpoch.fromProvenance("{\"search\":"
                + s.proposalNotes(0).orElseThrow() + "}").orElseThrow();
        assertEquals(40, e.steps());
        assertEquals(100, e.validationAccuracy().length);
        // resume continues exactly, both tasks' cells and the shared controller included
        for (int t = 0; t < 2; t++) {
            s.propose(0);
            s.propose(1);
        }
        ToyCellModel[] toys2 = {new ToyCellModel(), new ToyCellModel()};
        EnasStrategy b = new EnasStrategy(NB201, 2, settings(), 3, java.util.List.of(() -> toys2[0], () -> toys2[1]),
                "test.json");
        b.restore(s.state());
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(s.propose(0).indices(), b.propose(0).indices());
            assertArrayEquals(s.propose(1).indices(), b.propose(1).indices());
        }
        assertArrayEquals(s.state(), b.state());
        assertEquals(5, s.epochsDone());
        // a single-task strategy refuses a multitask state
        EnasStrategy single = new EnasStrategy(NB201, 2, settings(), 3, ToyCellModel::new, "test.json");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> single.restore(s.state()));
    }
}

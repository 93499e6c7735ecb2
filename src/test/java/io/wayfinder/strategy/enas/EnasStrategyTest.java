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
}

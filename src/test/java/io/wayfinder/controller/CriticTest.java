package io.wayfinder.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.Rng;
import io.wayfinder.space.SearchSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticTest {

    static List<Critic.Example> examples(SearchSpace space, int n, long seed) {
        Rng rng = new Rng(seed);
        int[] sizes = space.slotSizes();
        List<Critic.Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] c = new int[sizes.length];
            for (int s = 0; s < c.length; s++) {
                c[s] = rng.nextInt(sizes[s]);
            }
            int task = i % 2;
            // an interaction between slots and task the critic has to learn
            double y = (c[0] == 2 ? 1 : 0) + (task == 1 && c[1] == 3 ? 1 : 0) - 0.5 * c[2];
            out.add(new Critic.Example(task, c, y));
        }
        return out;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        SearchSpace space = Spaces.plain();
        Critic critic = new Critic(space, 2, 5, 0.01, new Rng(3));
        // the output weights start at zero; give every weight a value so that every path carries gradient
        Rng w = new Rng(4);
        for (int i = 0; i < critic.parameters().length; i++) {
            critic.parameters()[i] = w.nextDouble() - 0.5;
        }
        List<Critic.Example> batch = examples(space, 7, 1);
        critic.zeroGradients();
        critic.accumulateGradient(batch);
        double[] p = critic.parameters();
        double[] g = critic.gradients().clone();
        double eps = 1e-6;
        double worst = 0;
        int nonZero = 0;
        for (int i = 0; i < p.length; i++) {
            double saved = p[i];
            p[i] = saved + eps;
            double plus = critic.loss(batch);
            p[i] = saved - eps;
            double minus = critic.loss(batch);
            p[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            worst = Math.max(worst, Math.abs(numeric - g[i]) / Math.max(1e-6, Math.abs(numeric) + Math.abs(g[i])));
            if (Math.abs(g[i]) > 1e-10) {
                nonZero++;
            }
        }
        assertThat(worst).isLessThan(1e-5);
        assertThat(nonZero).isGreaterThan(p.length / 3);
    }

    @Test
    void regressionLearnsATaskDependentRewardAndTheTargetFollowsSlowly() {
        SearchSpace space = Spaces.plain();
        Critic critic = new Critic(space, 2, 16, 0.01, new Rng(3));
        List<Critic.Example> data = examples(space, 400, 2);
        double before = critic.loss(data);
        Rng rng = new Rng(5);
        for (int step = 0; step < 1500; step++) {
            List<Critic.Example> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(data.get(rng.nextInt(data.size())));
            }
            critic.train(batch, 0.05);
        }
        assertThat(critic.loss(data)).isLessThan(0.05 * before);
        // task 1 with slot b = 3 is worth one more than task 0 with the same configuration
        int[] c = {0, 3, 0};
        assertThat(critic.predictTarget(1, c) - critic.predictTarget(0, c)).isBetween(0.7, 1.3);
    }

    @Test
    void weightsTargetAndMomentsRoundTrip() throws Exception {
        SearchSpace space = Spaces.plain();
        Critic a = new Critic(space, 2, 4, 0.01, new Rng(3));
        a.train(examples(space, 8, 1), 0.1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        Critic b = new Critic(space, 2, 4, 0.01, new Rng(99));
        b.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        List<Critic.Example> next = examples(space, 8, 2);
        a.train(next, 0.1);
        b.train(next, 0.1);
        assertThat(b.parameters()).containsExactly(a.parameters());
        assertThat(b.predictTarget(1, new int[]{1, 2, 3})).isEqualTo(a.predictTarget(1, new int[]{1, 2, 3}));
    }
}

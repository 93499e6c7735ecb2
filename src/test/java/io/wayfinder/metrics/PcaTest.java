package io.wayfinder.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PcaTest {
    @Test
    void pointsOnALineProjectOntoItsDirectionWithNoSecondComponent() {
        // tasks moving along (1, 1, 0) / sqrt 2 over two updates; mean is the origin
        double s = Math.sqrt(2);
        List<double[][]> snaps = List.of(
                new double[][]{{-1, -1, 0}, {1, 1, 0}},
                new double[][]{{-2, -2, 0}, {2, 2, 0}});
        Pca.Projection p = Pca.project(snaps);
        assertThat(p.coordinates()[0][0][0]).isCloseTo(-s, within(1e-9));
        assertThat(p.coordinates()[1][1][0]).isCloseTo(2 * s, within(1e-9));
        for (double[][] snap : p.coordinates()) {
            for (double[] task : snap) {
                assertThat(task[1]).isCloseTo(0, within(1e-9));
            }
        }
        assertThat(p.explained()[0]).isCloseTo(1, within(1e-9));
    }

    @Test
    void secondComponentIsTheOrthogonalSpread() {
        // spread 3 along x, 1 along y: pc1 = x, pc2 = y
        List<double[][]> snaps = List.<double[][]>of(new double[][]{{3, 0}, {-3, 0}, {0, 1}, {0, -1}});
        Pca.Projection p = Pca.project(snaps);
        assertThat(Math.abs(p.coordinates()[0][0][0])).isCloseTo(3, within(1e-6));
        assertThat(Math.abs(p.coordinates()[0][2][1])).isCloseTo(1, within(1e-6));
        assertThat(p.explained()[0]).isCloseTo(0.9, within(1e-9));
        assertThat(p.explained()[1]).isCloseTo(0.1, within(1e-9));
    }
}

package io.wayfinder.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfinder.run.SupernetEpoch;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupernetCurvesTest {

    private static SupernetEpoch epoch(int n, double[] trainAcc, double[] valAcc) {
        return new SupernetEpoch("enas", n, 3, 0.1, trainAcc.clone(), trainAcc, valAcc.clone(), valAcc, Double.NaN,
                1.0, 0.5, "|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|");
    }

    @Test
    void pointsAreWeightStepsWithAMovingMeanOverTheLastTenBatches() {
        // 12 training steps over two epochs of 6: values 1..12
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {7, 8, 9, 10, 11, 12};
        // 2 validation batches per epoch (ENAS' controller steps): placed at steps 3 and 6 of each epoch
        List<SupernetEpoch> epochs = List.of(epoch(1, a, new double[] {10, 20}), epoch(2, b, new double[] {30, 40}));
        double[][] train = SupernetCurves.series(epochs, true, false);
        assertThat(train[0]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        // mean of 1..k up to ten batches, then of the last ten: (2+..+11)/10 = 6.5, (3+..+12)/10 = 7.5
        assertThat(train[1][0]).isEqualTo(1.0);
        assertThat(train[1][3]).isEqualTo(2.5);
        assertThat(train[1][9]).isEqualTo(5.5, within(1e-12));
        assertThat(train[1][10]).isEqualTo(6.5, within(1e-12));
        assertThat(train[1][11]).isEqualTo(7.5, within(1e-12));
        double[][] val = SupernetCurves.series(epochs, false, false);
        assertThat(val[0]).containsExactly(3, 6, 9, 12);
        assertThat(val[1]).containsExactly(10, 15, 20, 25);
        // the loss series read the loss arrays (here equal to the accuracies)
        assertThat(SupernetCurves.series(epochs, true, true)[1]).containsExactly(train[1]);
    }
}

package io.wayfinder.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupernetEpochTest {

    @Test
    void anEpochTravelsInATrialsProvenanceAndComesBackWithStepValuesToFiveDigits() {
        SupernetEpoch e = new SupernetEpoch("darts", 3, 15, 0.0975, new double[] {2.1234567, 1.9},
                new double[] {0.25, 0.3125}, new double[] {2.2, 2.0}, new double[] {0.1875, 0.28125}, 1.6012345,
                8.25, 3.5, "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|");
        // what the search loop records: the task part, the trial's seed and attempt, and the strategy's notes
        String provenance = "{\"strategy\":\"darts\",\"trialSeed\":7,\"attempt\":1,\"search\":" + e.toNotes() + "}";
        SupernetEpoch back = SupernetEpoch.fromProvenance(provenance).orElseThrow();
        assertThat(back.strategy()).isEqualTo("darts");
        assertThat(back.epoch()).isEqualTo(3);
        assertThat(back.epochs()).isEqualTo(15);
        assertThat(back.steps()).isEqualTo(2);
        assertThat(back.trainLoss()).containsExactly(2.1235, 1.9);
        assertThat(back.trainAccuracy()).containsExactly(0.25, 0.3125);
        assertThat(back.validationAccuracy()).containsExactly(0.1875, 0.28125);
        assertThat(back.alphaEntropy()).isEqualTo(1.6012345);
        assertThat(back.cell()).isEqualTo(e.cell());
        assertThat(back.cpuSeconds()).isEqualTo(3.5);
        assertThat(SupernetEpoch.mean(back.trainAccuracy())).isEqualTo(0.28125);
        // ENAS has no architecture weights: no entropy recorded, NaN back
        SupernetEpoch enas = new SupernetEpoch("enas", 1, 2, 0.1, new double[1], new double[1], new double[0],
                new double[0], Double.NaN, 1, Double.NaN, "c");
        assertThat(SupernetEpoch.fromProvenance("{\"search\":" + enas.toNotes() + "}").orElseThrow().alphaEntropy())
                .isNaN();
        // a trial of another strategy, or unreadable provenance, has none
        assertThat(SupernetEpoch.fromProvenance("{\"strategy\":\"aml\",\"trialSeed\":1}")).isEmpty();
        assertThat(SupernetEpoch.fromProvenance("not json")).isEmpty();
        assertThat(SupernetEpoch.fromProvenance(null)).isEmpty();
    }
}

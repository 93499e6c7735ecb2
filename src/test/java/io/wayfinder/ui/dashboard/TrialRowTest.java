package io.wayfinder.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import org.junit.jupiter.api.Test;

class TrialRowTest {
    private static TrialRecord trial(String values) {
        return new TrialRecord(1, 1, 7, 0, 0, new int[]{2, 0, 1}, values, TrialStatus.COMPLETE, null, 0.5, 0.5, 0.4,
                0, 10, 3, 6, 6, null, null);
    }

    @Test
    void configurationReadsAsNameEqualsValue() {
        TrialRow row = new TrialRow(trial("{\"e_1_0\":\"nor_conv_3x3\",\"layers\":2,\"skip\":true}"), "cifar10");
        assertThat(row.configuration()).isEqualTo("e_1_0=nor_conv_3x3, layers=2, skip=true");
    }

    @Test
    void configurationFallsBackToChoiceIndicesWithoutValues() {
        assertThat(new TrialRow(trial(null), "cifar10").configuration()).isEqualTo("[2, 0, 1]");
    }

    @Test
    void filterMatchesConfigurationTaskStatusAndNumber() {
        TrialRow row = new TrialRow(trial("{\"e_1_0\":\"nor_conv_3x3\"}"), "CIFAR10");
        assertThat(row.matches("conv_3x3")).isTrue();
        assertThat(row.matches("cifar10")).isTrue();
        assertThat(row.matches("complete")).isTrue();
        assertThat(row.matches("7")).isTrue();
        assertThat(row.matches("avg_pool")).isFalse();
    }
}

package io.wayfinder.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void metricHasFourDecimalsLikeStringFormat() {
        double[] values = {0, 0.94366, 0.5, -0.25, 1e-5, -1e-5, 12.34567, 0.99995, 0.00005, 3};
        for (double v : values) {
            String expected = String.format(Locale.ROOT, "%.4f", v).replace("-0.0000", "0.0000");
            assertThat(Formats.metric(v)).as("%s", v).isEqualTo(expected);
        }
        assertThat(Formats.metric(Double.NaN)).isEqualTo("—");
    }

    @Test
    void ratesBelowOneASecondAreGivenPerHour() {
        assertThat(Formats.rate(574.4)).isEqualTo("574/s");
        assertThat(Formats.rate(2.46)).isEqualTo("2.5/s");
        assertThat(Formats.rate(2519 / 3600.0)).isEqualTo("2519/h");
        assertThat(Formats.rate(0)).isEqualTo("—");
        assertThat(Formats.rate(Double.NaN)).isEqualTo("—");
    }
}

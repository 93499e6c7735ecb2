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
}

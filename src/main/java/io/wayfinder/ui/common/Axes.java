package io.wayfinder.ui.common;

import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import javafx.util.StringConverter;

/**
 * Chart axes that read as a researcher expects: counts (trials, observations) with integer ticks and no scientific
 * notation, values with plain decimals, and room between the tick labels and the axis title.
 */
public final class Axes {
    private Axes() {
    }

    /** An axis of counts: integer tick steps, labels like 1200 (never 1.2E3). */
    public static DefaultNumericAxis count(String name) {
        DefaultNumericAxis a = new DefaultNumericAxis(name) {
            @Override
            protected double computeTickUnit(double rawTickUnit) {
                double u = super.computeTickUnit(rawTickUnit);
                return u < 1 ? 1 : Math.ceil(u);
            }
        };
        a.setMinorTickCount(0);
        a.setTickLabelFormatter(formatter("0"));
        return finish(a);
    }

    /** An axis of values (accuracy, reward, probability): plain decimals. */
    public static DefaultNumericAxis value(String name) {
        DefaultNumericAxis a = new DefaultNumericAxis(name);
        a.setTickLabelFormatter(formatter("0.####"));
        return finish(a);
    }

    private static DefaultNumericAxis finish(DefaultNumericAxis a) {
        a.setUnit(null);
        a.setAutoUnitScaling(false);
        a.setAxisLabelGap(8);
        a.setTickLabelGap(4);
        return a;
    }

    /** Plain-number labels. */
    public static StringConverter<Number> formatter(String pattern) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null ? "" : f.format(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        };
    }
}

package io.wayfinder.report;

import java.util.List;

/**
 * A small grouped bar chart as data (a decision's choice probabilities, or TPE's good and bad densities): per
 * category one bar per series, on a 0..{@code yMax} axis. {@link BarPainter} draws it on any {@link PlotCanvas}.
 *
 * @param title      the chart's title
 * @param yLabel     the y axis title
 * @param categories the category labels along x
 * @param series     the series' names (legend), one per row of {@code values}
 * @param colors     the series' colours (0xRRGGBB)
 * @param values     per series, per category, the bar's height
 * @param yMax       the top of the y axis
 */
public record BarChart(String title, String yLabel, List<String> categories, List<String> series, int[] colors,
                       double[][] values, double yMax) {
    public BarChart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (values.length != series.size() || colors.length != series.size()) {
            throw new IllegalArgumentException(series.size() + " series with " + values.length + " value rows and "
                    + colors.length + " colours");
        }
    }
}

package io.wayfinder.ui.common;

import java.util.Locale;

/** Number and duration formats shared by the screens. */
public final class Formats {
    private Formats() {
    }

    /** Four decimals (without String.format: the trial table formats thousands of cells while scrolling). */
    public static String metric(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v) || Math.abs(v) >= 1e12) {
            return String.valueOf(v);
        }
        long scaled = Math.round(Math.abs(v) * 10_000);
        StringBuilder sb = new StringBuilder(12);
        if (v < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / 10_000).append('.');
        String frac = Long.toString(scaled % 10_000);
        for (int i = frac.length(); i < 4; i++) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    public static String duration(long millis) {
        if (millis < 0) {
            return "—";
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A trial rate as a person reads it: "12/s", "2.5/s", or per hour below one a second ("2519/h"), never "0/s". */
    public static String rate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            return "—";
        }
        if (perSecond >= 10) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.0f/h", perSecond * 3600);
    }
}

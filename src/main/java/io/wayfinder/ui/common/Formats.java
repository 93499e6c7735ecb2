package io.wayfinder.ui.common;

import java.util.Locale;

/** Number and duration formats shared by the screens. */
public final class Formats {
    private Formats() {
    }

    public static String metric(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
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
}

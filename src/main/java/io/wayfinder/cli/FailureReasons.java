package io.wayfinder.cli;

import io.wayfinder.run.TrialRecord;
import io.wayfinder.run.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's failed trials grouped by reason, so that divergence is countable per run: "3 failed: 2 diverged (training
 * loss NaN), 1 both towers are disabled". A reason is the trial's stored failure message without the exception's class
 * name; divergence is grouped by what became non-finite; other messages by their text with numbers (steps, sizes)
 * replaced by "n", so one cause with different step numbers is one group.
 */
final class FailureReasons {
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^([A-Z][A-Za-z0-9]*(Exception|Error)): ");
    private static final Pattern LOSS = Pattern.compile("^diverged: (training loss|validation loss) (\\S+) at .*");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z])-?\\d+(?:[.,]\\d+)*(?:[eE][-+]?\\d+)?");

    private FailureReasons() {
    }

    /** One group: a reason and how many trials failed with it. */
    record Group(String reason, int count) {
    }

    /** The reason group of one failure message (null or blank: "no reason recorded"). */
    static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "no reason recorded";
        }
        String m = message.strip();
        Matcher prefix = EXCEPTION_PREFIX.matcher(m);
        String exception = null;
        if (prefix.find()) {
            exception = prefix.group(1);
            m = m.substring(prefix.end());
        }
        m = m.lines().findFirst().orElse("").strip();
        Matcher loss = LOSS.matcher(m);
        if (loss.matches()) {
            String value = loss.group(2);
            String what = value.equalsIgnoreCase("nan") ? "NaN" : value.toLowerCase(Locale.ROOT).contains("inf")
                    ? "infinite" : value;
            return "diverged (" + loss.group(1) + " " + what + ")";
        }
        if (m.startsWith("diverged")) {
            return NUMBER.matcher(m).replaceAll("n").replaceFirst("^diverged: ", "diverged (") + (m.startsWith(
                    "diverged: ") ? ")" : "");
        }
        if (m.startsWith("out of memory")) {
            return "out of memory";
        }
        if (m.isEmpty()) {
            return exception == null ? "no reason recorded" : exception;
        }
        String cut = m.length() > 90 ? m.substring(0, 90) + "..." : m;
        return NUMBER.matcher(cut).replaceAll("n");
    }

    /** The failed trials' reasons, most frequent first (ties: first met first). */
    static List<Group> of(List<TrialRecord> trials) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (TrialRecord t : trials) {
            if (t.status() == TrialStatus.FAILED) {
                counts.merge(reason(t.failureReason()), 1, Integer::sum);
            }
        }
        List<Group> out = new ArrayList<>();
        counts.forEach((r, c) -> out.add(new Group(r, c)));
        out.sort(Comparator.comparingInt(Group::count).reversed());
        return out;
    }

    /** "3 failed: 2 diverged (training loss NaN), 1 out of memory"; "" without failed trials. */
    static String line(List<TrialRecord> trials) {
        List<Group> groups = of(trials);
        if (groups.isEmpty()) {
            return "";
        }
        int total = groups.stream().mapToInt(Group::count).sum();
        StringBuilder b = new StringBuilder().append(total).append(" failed: ");
        for (int i = 0; i < groups.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(groups.get(i).count()).append(' ').append(groups.get(i).reason());
        }
        return b.toString();
    }
}

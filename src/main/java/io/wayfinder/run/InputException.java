package io.wayfinder.run;

import java.util.List;

/**
 * Bad input from a file: every problem names the file, the place in it (a JSON path such as
 * {@code $.decisions[3].choices}, or a line number) and what was expected.
 */
public class InputException extends RuntimeException {
    private final List<Problem> problems;

    /** One problem: where, and what was expected there. */
    public record Problem(String source, String place, String expected) {
        @Override
        public String toString() {
            return source + ": " + place + ": " + expected;
        }
    }

    public InputException(List<Problem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public InputException(String source, String place, String expected) {
        this(List.of(new Problem(source, place, expected)));
    }

    public InputException(String source, String place, String expected, Throwable cause) {
        this(List.of(new Problem(source, place, expected)));
        initCause(cause);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}

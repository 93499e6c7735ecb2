package io.wayfinder.task;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokeniser of METHOD.md section 5: lower-cases the text, strips rare characters and splits it into words.
 * A token is a run of letters, digits and inner apostrophes ({@code don't}); {@code !} and {@code ?} are kept as
 * tokens of their own (GloVe has them and they carry sentiment); every other character separates tokens.
 */
public final class Tokenizer {
    /** Tokens longer than this are cut (URLs and similar noise). */
    public static final int MAX_TOKEN_LENGTH = 40;

    private Tokenizer() {
    }

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(java.util.Locale.ROOT);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                cur.append(c);
            } else if (c == '\'' && cur.length() > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i + 1))) {
                cur.append(c);
            } else {
                flush(cur, out);
                if (c == '!' || c == '?') {
                    out.add(String.valueOf(c));
                }
            }
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.length() > MAX_TOKEN_LENGTH ? cur.substring(0, MAX_TOKEN_LENGTH) : cur.toString());
            cur.setLength(0);
        }
    }
}

package io.vigil.server.cli;

import java.util.List;

/**
 * A table for the terminal, columns padded by their width on screen: Hangul and other
 * wide characters take two columns, so Korean headings line up like English ones.
 */
final class TextColumns {
    private TextColumns() {}

    static String render(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) widths[i] = Math.max(widths[i], width(row[i]));
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]);
                if (i < row.length - 1) b.append(" ".repeat(widths[i] - width(row[i]) + 1));
            }
            b.append(System.lineSeparator());
        }
        return b.toString();
    }

    /** Columns a text takes on a terminal: two for East Asian wide characters, one otherwise. */
    static int width(String s) {
        return s.codePoints().map(c -> wide(c) ? 2 : 1).sum();
    }

    private static boolean wide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || (c >= 0xFF01 && c <= 0xFF60);
    }
}

package io.vigil.config;

import java.util.Map;

/**
 * The words of configuration problems in one language, from {@code i18n/config_<lang>.properties}
 * of this module. The readers record a problem as a key and its arguments
 * ({@link ConfigProblem}); whoever shows it (the command line, a log) words it here in the
 * reader's language, so the module holds no sentence in code.
 */
public final class ConfigWords {
    static final String BUNDLE = "i18n/config";

    private final BundleWords words;

    private ConfigWords(BundleWords words) {
        this.words = words;
    }

    /** The words of {@code language} ({@code ko} or {@code en}); anything else gets English. */
    public static ConfigWords of(String language) {
        return new ConfigWords(BundleWords.of(BUNDLE, language));
    }

    /** English: for logs and exception messages (server logs are English). */
    public static ConfigWords english() {
        return of("en");
    }

    /** Every key and text of one language (the bundle tests compare the languages). */
    public static Map<String, String> bundle(String language) {
        return BundleWords.bundle(BUNDLE, language);
    }

    /** What is wrong, without where: the text of {@code key} with its arguments filled in. */
    public String text(String key, Map<String, ?> args) {
        return words.text(key, args);
    }

    /** The problem's explanation in this language. */
    public String message(ConfigProblem p) {
        return text(p.key(), p.args());
    }

    /** {@code file:line: field: explanation}; where is the same in every language (a compiler's form). */
    public String line(ConfigProblem p) {
        String where = p.line() > 0 ? p.file() + ":" + p.line() : p.file();
        return where + ": " + (p.field().isEmpty() ? "" : p.field() + ": ") + message(p);
    }
}

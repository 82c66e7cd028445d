package io.vigil.server.i18n;

import io.vigil.config.BundleWords;
import io.vigil.config.SiteSettings;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

/**
 * The command line's words in one language: {@code i18n/cli_<lang>.properties} of the
 * server module, read as UTF-8. One file per language holds both picocli's usage help
 * (keys {@code vigil.<command>.usage.description}, option names, {@code usage.*}
 * headings) and every message the commands print ({@code <area>.<what>} keys with named
 * placeholders such as {@code {file}}, filled like the web bundles' texts).
 */
public final class CliText {
    private static final Map<String, Map<String, String>> BUNDLES = new TreeMap<>();

    static {
        for (String lang : SiteSettings.LANGUAGES) BUNDLES.put(lang, load(lang));
    }

    private final String language;
    private final Map<String, String> texts;

    private CliText(String language) {
        this.language = language;
        this.texts = BUNDLES.get(language);
    }

    /** The texts of {@code language} ({@code ko} or {@code en}); anything else gets English. */
    public static CliText of(String language) {
        return new CliText(BUNDLES.containsKey(language) ? language : "en");
    }

    /** English: for exception messages read outside the command line (logs, tests). */
    public static CliText english() {
        return of("en");
    }

    public String language() {
        return language;
    }

    /** Every key and text of one language (tests compare the languages). */
    public static Map<String, String> bundle(String language) {
        return BUNDLES.get(language);
    }

    /**
     * The text of {@code key} with placeholders filled from name/value pairs
     * ({@code t("user.added", "name", n)}); a missing key shows as {@code [key]} (the
     * bundle tests make sure none is missing).
     */
    public String t(String key, Object... nameValuePairs) {
        return format(key, params(nameValuePairs));
    }

    public String format(String key, Map<String, ?> params) {
        String text = texts.get(key);
        return text == null ? "[" + key + "]" : BundleWords.fill(text, params);
    }

    public static Map<String, Object> params(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) throw new IllegalArgumentException("name/value pairs expected");
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) params.put(String.valueOf(nameValuePairs[i]), nameValuePairs[i + 1]);
        return params;
    }

    /** The same texts as a ResourceBundle, for picocli's usage help. */
    public ResourceBundle resourceBundle() {
        return new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return texts.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return Collections.enumeration(texts.keySet());
            }
        };
    }

    private static Map<String, String> load(String lang) {
        return BundleWords.readBundle("i18n/cli_" + lang + ".properties");
    }
}

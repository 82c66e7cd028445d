package io.vigil.gateway.i18n;

import io.vigil.config.BundleWords;
import io.vigil.config.SiteSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resource bundles of every page string, message, error and notice, one per
 * language: {@code i18n/messages_<lang>.properties} on the classpath, read as UTF-8.
 * Texts hold named placeholders ({@code {camera}}) filled by {@link #format}; pages get
 * the same bundle as JSON from {@code GET /api/v1/i18n} and fill them the same way.
 */
public final class Messages {
    private static final Messages INSTANCE = new Messages();

    private final Map<String, Map<String, String>> bundles = new TreeMap<>();

    private Messages() {
        for (String lang : SiteSettings.LANGUAGES) bundles.put(lang, load(lang));
    }

    public static Messages get() {
        return INSTANCE;
    }

    /** Every key and text of one language (unknown language: the first of {@link SiteSettings#LANGUAGES}). */
    public Map<String, String> bundle(String language) {
        return bundles.getOrDefault(language, bundles.get(SiteSettings.LANGUAGES.get(0)));
    }

    public boolean has(String key) {
        return bundles.values().stream().allMatch(b -> b.containsKey(key));
    }

    /**
     * The text of a key with its placeholders filled; a missing key gives the key itself
     * in brackets (tests make sure none is missing), a missing parameter stays as written.
     */
    public String format(String language, String key, Map<String, ?> params) {
        String text = bundle(language).get(key);
        if (text == null) return "[" + key + "]";
        return BundleWords.fill(text, params);
    }

    private static Map<String, String> load(String lang) {
        return BundleWords.readBundle("i18n/messages_" + lang + ".properties");
    }
}

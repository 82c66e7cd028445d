package io.vigil.gateway.i18n;

import io.vigil.config.SiteSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resource bundles of every page string, message, error and notice, one per
 * language: {@code i18n/messages_<lang>.properties} on the classpath, read as UTF-8.
 * Texts hold named placeholders ({@code {camera}}) filled by {@link #format}; pages get
 * the same bundle as JSON from {@code GET /api/v1/i18n} and fill them the same way.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
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
        return fill(text, params);
    }

    public static String fill(String text, Map<String, ?> params) {
        if (params == null || params.isEmpty()) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> load(String lang) {
        return readBundle("i18n/messages_" + lang + ".properties");
    }

    /**
     * One bundle file from the classpath, read as UTF-8 (not ISO-8859-1, the Properties
     * default: the Korean texts are written as they read), as a sorted unmodifiable map.
     * The command line's bundles are read the same way.
     */
    public static Map<String, String> readBundle(String name) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource bundle " + name + " is missing from the classpath");
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            Map<String, String> m = new TreeMap<>();
            for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
            return Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}

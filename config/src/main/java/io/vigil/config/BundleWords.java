package io.vigil.config;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of one bundle file in one language ({@code <base>_<lang>.properties} on the
 * classpath, read as UTF-8), filled by named placeholders ({@code {value}}) like the gateway's
 * and the command line's bundles. The modules below the gateway (config, storage) say what is
 * wrong as a key and arguments; their bundles live beside them so that the command line and
 * the pages word the same problem the same way. A missing key shows as {@code [key]}.
 */
public final class BundleWords {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Map<String, Map<String, String>> LOADED = new ConcurrentHashMap<>();

    private final Map<String, String> texts;

    private BundleWords(Map<String, String> texts) {
        this.texts = texts;
    }

    /** @param base the bundle's path without language and suffix, e.g. {@code i18n/config}; an unknown language gets English */
    public static BundleWords of(String base, String language) {
        String lang = SiteSettings.LANGUAGES.contains(language) ? language : "en";
        return new BundleWords(bundle(base, lang));
    }

    /** Every key and text of one language (the bundle tests compare the languages). */
    public static Map<String, String> bundle(String base, String language) {
        return LOADED.computeIfAbsent(base + "_" + language + ".properties", BundleWords::readBundle);
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** The text of {@code key} with its arguments filled in. */
    public String text(String key, Map<String, ?> args) {
        String text = texts.get(key);
        return text == null ? "[" + key + "]" : fill(text, args);
    }

    /**
     * A text with its named placeholders filled; a placeholder without an argument stays as
     * written. Every bundle of Vigil (config, storage, the pages, the command line) is filled here.
     */
    public static String fill(String text, Map<String, ?> args) {
        if (args == null || args.isEmpty()) return text;
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = args.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * One bundle file from the classpath, read as UTF-8 (not ISO-8859-1, the Properties
     * default: the Korean texts are written as they read), as a sorted unmodifiable map.
     * Every module's bundles are read this way.
     */
    public static Map<String, String> readBundle(String name) {
        try (InputStream in = BundleWords.class.getClassLoader().getResourceAsStream(name)) {
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

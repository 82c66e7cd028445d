package io.vigil.gateway.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.SiteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Korean and English stay complete: both bundles have the same keys and placeholders;
 * every key a page, a script or the server names exists; no page carries text or a
 * label outside a bundle key; no script builds a sentence without one.
 */
class I18nBundleTest {
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Path JAVA = Path.of("src/main/java");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    /** Pages whose words are not yet in the bundles (the list only shrinks). */
    private static final Set<String> NOT_YET_TRANSLATED = Set.of();

    private final Messages messages = Messages.get();

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() {
        Map<String, String> en = messages.bundle("en");
        Map<String, String> ko = messages.bundle("ko");
        assertTrue(en.size() > 50, "English bundle loaded: " + en.size() + " keys");
        assertEquals(List.of(), diff(en.keySet(), ko.keySet()), "keys in English but not in Korean");
        assertEquals(List.of(), diff(ko.keySet(), en.keySet()), "keys in Korean but not in English");
        List<String> problems = new ArrayList<>();
        for (String key : en.keySet()) {
            for (String lang : SiteSettings.LANGUAGES) {
                if (messages.bundle(lang).get(key).isBlank()) problems.add(lang + ":" + key + " is empty");
            }
            if (!placeholders(en.get(key)).equals(placeholders(ko.get(key)))) {
                problems.add(key + ": placeholders differ, en " + placeholders(en.get(key)) + " ko " + placeholders(ko.get(key)));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void koreanIsReallyKorean() {
        // A key copied over without translating would pass the key check; most texts must hold Hangul.
        Map<String, String> ko = messages.bundle("ko");
        long hangul = ko.values().stream().filter(v -> v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL)).count();
        assertTrue(hangul > ko.size() * 0.9, hangul + " of " + ko.size() + " Korean texts contain Hangul");
    }

    @Test
    void everyKeyAPageOrScriptUsesExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Path f : files(WEB, ".html")) {
            String html = Files.readString(f, StandardCharsets.UTF_8);
            for (String key : all(Pattern.compile("data-i18n=\"([^\"]+)\""), html)) check(f, key, unknown);
            for (String spec : all(Pattern.compile("data-i18n-attr=\"([^\"]+)\""), html)) {
                for (String pair : spec.split(";")) check(f, pair.substring(pair.indexOf(':') + 1).trim(), unknown);
            }
        }
        Pattern literalKey = Pattern.compile("\\b(?:t|has)\\(\\s*'([a-z][A-Za-z0-9.-]*)'|label: '([a-z][A-Za-z0-9.-]*)'|data-i18n': '([^']+)'");
        for (Path f : files(WEB, ".js")) {
            Matcher m = literalKey.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (key.endsWith(".")) continue; // a prefix completed at run time ('role.' + role)
                check(f, key, unknown);
            }
        }
        assertEquals(List.of(), unknown, "keys used but in neither bundle");
    }

    @Test
    void everyErrorTheServerSendsHasWords() throws IOException {
        List<String> unknown = new ArrayList<>();
        Pattern code = Pattern.compile("ApiException\\((?:HttpResponseStatus\\.)?[A-Z_]+,\\s*\"([a-z-]+)\"");
        Pattern keyed = Pattern.compile("keyed\\([^\"]*\"[a-z-]+\",\\s*\"([a-z][A-Za-z0-9.-]+)\"");
        Pattern refusal = Pattern.compile("AccountChangeRefused\\(Kind\\.[A-Z_]+,\\s*\"([a-z][A-Za-z0-9.-]+)\"");
        Pattern factory = Pattern.compile("ApiException\\.(badRequest|forbidden|notFound|unauthorized)\\(");
        for (Path f : files(JAVA, ".java")) {
            String src = Files.readString(f, StandardCharsets.UTF_8);
            for (String c : all(code, src)) check(f, "error." + c, unknown);
            for (String k : all(keyed, src)) check(f, k, unknown);
            for (String k : all(refusal, src)) check(f, k, unknown);
            Matcher m = factory.matcher(src);
            while (m.find()) {
                String c = switch (m.group(1)) {
                    case "badRequest" -> "bad-request";
                    case "notFound" -> "not-found";
                    default -> m.group(1);
                };
                check(f, "error." + c, unknown);
            }
        }
        assertEquals(List.of(), unknown, "error keys the server can send but no bundle has");
    }

    /** Text between tags and user-visible attributes come from a key, so the page is whole in either language. */
    @Test
    void noPageTextOutsideABundleKey() throws IOException {
        List<String> bare = new ArrayList<>();
        Pattern textRun = Pattern.compile("(<[^>]+>)([^<]*\\p{L}[^<]*)<");
        Pattern visibleAttr = Pattern.compile("<[^>]*\\b(placeholder|aria-label|title|alt)=\"[^\"]*\\p{L}[^\"]*\"[^>]*>");
        for (Path f : files(WEB, ".html")) {
            if (NOT_YET_TRANSLATED.contains(page(f))) continue;
            String html = Files.readString(f, StandardCharsets.UTF_8).replaceAll("(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", "");
            Matcher m = textRun.matcher(html);
            while (m.find()) {
                String tag = m.group(1);
                if (tag.startsWith("</") || !tag.contains("data-i18n=")) bare.add(f.getFileName() + ": \"" + m.group(2).trim() + "\" after " + tag);
            }
            Matcher a = visibleAttr.matcher(html);
            while (a.find()) {
                if (!a.group().contains("data-i18n-attr=")) bare.add(f.getFileName() + ": " + a.group(1) + " in " + a.group());
            }
        }
        assertEquals(List.of(), bare, "page text without a data-i18n key");
    }

    /**
     * A sentence in a script's string literal ("Could not load the users: ") is English
     * built in code; words come from Vigil.t. Lines making errors for logs and API
     * clients (new ApiError, console, Error) are exempt.
     */
    @Test
    void noScriptBuildsASentenceWithoutAKey() throws IOException {
        List<String> bare = new ArrayList<>();
        Pattern sentence = Pattern.compile("'([A-Z][a-z]+(?: [A-Za-z]+)+[.:!?]?\\s*)'");
        for (Path f : files(WEB, ".js")) {
            if (NOT_YET_TRANSLATED.contains(page(f))) continue;
            int n = 0;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                n++;
                String code = line.trim();
                if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) continue;
                if (code.contains("ApiError(") || code.contains("console.") || code.contains("Error(")) continue;
                Matcher m = sentence.matcher(code);
                while (m.find()) bare.add(f.getFileName() + ":" + n + ": '" + m.group(1) + "'");
            }
        }
        assertEquals(List.of(), bare, "sentences in scripts without a bundle key");
    }

    private void check(Path f, String key, List<String> unknown) {
        if (!messages.has(key)) unknown.add(f.getFileName() + ": " + key);
    }

    private static String page(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static List<Path> files(Path root, String ext) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static Set<String> placeholders(String text) {
        return new TreeSet<>(all(PLACEHOLDER, text));
    }

    private static List<String> diff(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(new TreeSet<>(a));
        out.removeAll(b);
        return out;
    }
}

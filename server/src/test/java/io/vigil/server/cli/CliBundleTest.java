package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.SiteSettings;
import io.vigil.server.i18n.CliText;
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
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command line is whole in Korean and in English: both bundles have the same keys and
 * placeholders; every command, option and parameter of the usage help has its words in the
 * bundles (not the English of the annotations); every key the code names exists.
 */
class CliBundleTest {
    private static final Pattern PLACEHOLDERS = Pattern.compile("\\{[A-Za-z0-9_]+}|\\$\\{[A-Z-]+}|%n");
    /** A message key written in the server's code: area.what (literal strings only; "demo.login." + user is checked below). */
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "(?<!getProperty\\()\"((?:error|port|serve|demo|sim|config|summary|unit|user|password|keys|key|fsck|ledger|report|export|purge)\\.[A-Za-z0-9.-]*[A-Za-z0-9])\"");

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() {
        Map<String, String> en = CliText.bundle("en");
        Map<String, String> ko = CliText.bundle("ko");
        assertTrue(en.size() > 150, "English bundle loaded: " + en.size() + " keys");
        assertEquals(List.of(), diff(en.keySet(), ko.keySet()), "keys in English but not in Korean");
        assertEquals(List.of(), diff(ko.keySet(), en.keySet()), "keys in Korean but not in English");
        List<String> problems = new ArrayList<>();
        for (String key : en.keySet()) {
            for (String lang : SiteSettings.LANGUAGES) {
                if (CliText.bundle(lang).get(key).isBlank()) problems.add(lang + ":" + key + " is empty");
            }
            if (!placeholders(en.get(key)).equals(placeholders(ko.get(key)))) {
                problems.add(key + ": placeholders differ, en " + placeholders(en.get(key)) + " ko " + placeholders(ko.get(key)));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void koreanIsReallyKorean() {
        Map<String, String> ko = CliText.bundle("ko");
        long hangul = ko.values().stream()
                .filter(v -> v.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL)).count();
        assertTrue(hangul > ko.size() * 0.9, hangul + " of " + ko.size() + " Korean texts contain Hangul");
    }

    /** Walks every command of the real command line: each description, option and parameter resolves to a bundle key. */
    @Test
    void everyCommandOptionAndParameterHasItsWordsInBothBundles() {
        for (String lang : SiteSettings.LANGUAGES) {
            Map<String, String> bundle = CliText.bundle(lang);
            List<String> missing = new ArrayList<>();
            check(VigilCommand.commandLine(lang), bundle, missing);
            assertEquals(List.of(), missing, lang + ": usage help without bundle words");
        }
    }

    private static void check(CommandLine cl, Map<String, String> bundle, List<String> missing) {
        CommandSpec spec = cl.getCommandSpec();
        String q = spec.qualifiedName(".");
        if (!has(bundle, q, "usage.description") && !has(bundle, q, "usage.header")) missing.add(q + ".usage.description");
        for (OptionSpec o : spec.options()) {
            List<String> keys = new ArrayList<>();
            if (!o.descriptionKey().isEmpty()) keys.add(o.descriptionKey());
            for (String name : o.names()) keys.add(name.replaceFirst("^-+", ""));
            if (keys.stream().noneMatch(k -> has(bundle, q, k))) missing.add(q + " option " + o.longestName());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.descriptionKey().isEmpty() || !has(bundle, q, p.descriptionKey())) missing.add(q + " parameter " + p.paramLabel());
        }
        cl.getSubcommands().values().forEach(sub -> check(sub, bundle, missing));
    }

    private static boolean has(Map<String, String> bundle, String qualifier, String key) {
        return bundle.containsKey(qualifier + "." + key) || bundle.containsKey(key);
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/vigil/server"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    for (String lang : SiteSettings.LANGUAGES) {
                        if (!CliText.bundle(lang).containsKey(m.group(1))) unknown.add(lang + ": " + f.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        for (String user : List.of("guard", "officer", "manager", "admin")) {
            if (!CliText.bundle("ko").containsKey("demo.login." + user)) unknown.add("demo.login." + user);
        }
        assertEquals(List.of(), unknown, "keys the code names but a bundle lacks");
    }

    private static List<String> placeholders(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDERS.matcher(text);
        while (m.find()) out.add(m.group());
        return out.stream().sorted().toList();
    }

    private static List<String> diff(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return List.copyOf(d);
    }
}

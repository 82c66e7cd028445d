package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The config module's problems are keys of its bundles, worded in both languages: the two
 * bundles have the same keys and placeholders, the Korean one is Korean, every key the code
 * names exists, and a file full of mistakes reads in Korean without an English sentence.
 */
class ConfigWordsTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}");
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(config\\.[A-Za-z0-9.]*[A-Za-z0-9])\"");
    /** Three words of Latin letters in a row: a sentence of English (names, paths and codes are single tokens). */
    static final Pattern ENGLISH_RUN = Pattern.compile("(?<![\\w:/.'{-])[A-Za-z]{2,}(?:[ ]+[A-Za-z]{2,}){2,}(?![\\w:/.'}-])");

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() {
        Map<String, String> en = ConfigWords.bundle("en");
        Map<String, String> ko = ConfigWords.bundle("ko");
        assertTrue(en.size() > 60, en.size() + " keys");
        assertEquals(en.keySet(), ko.keySet());
        List<String> differ = new ArrayList<>();
        for (String key : en.keySet()) {
            if (!placeholders(en.get(key)).equals(placeholders(ko.get(key)))) differ.add(key);
        }
        assertEquals(List.of(), differ, "placeholders differ");
    }

    @Test
    void koreanIsKorean() {
        for (var e : ConfigWords.bundle("ko").entrySet()) {
            if (e.getValue().equals("{detail}")) continue; // a lower layer's own words (a YAML parser's), passed through
            assertTrue(hangul(e.getValue()), e.getKey() + " = " + e.getValue());
            assertEquals(List.of(), englishRuns(e.getValue()), e.getKey());
        }
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/vigil/config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.endsWith(".")) continue;
                    if (!ConfigWords.bundle("en").containsKey(key) && !key.equals("config.policyPersonName")) unknown.add(f.getFileName() + ": " + key);
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    /** Many mistakes at once, each worded in Korean with its line and field, none left in English. */
    @Test
    void aFileFullOfMistakesReadsInKorean() {
        String yaml = """
                language: fr
                timeZone: Mars/Olympus
                colour: blue
                dataDir: /data
                segmentDuration: 10ms
                keystore:
                  path: /data/keystore.vks
                  passphrase: hunter2
                retention:
                  days: 30
                  purgeInterval: soon
                  minFreeSpace: lots
                listen:
                  https: nowhere
                access:
                  idleTimeout: 10s
                  allowedNetworks:
                    janitor: [10.0.0.0/8]
                    security-staff: [10.0.0.0/99]
                policy:
                  officer: {contact: call me}
                  enacted: yesterday
                cameras:
                  - id: Cam 1
                    location: Lobby
                    url: http://user:pw@cam/stream
                    transport: carrier-pigeon
                  - id: cam02
                    location: Hall
                    source: push
                    url: rtsp://x/y
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("site.yaml", yaml, Path.of("/etc/vigil")));
        assertTrue(e.problems().size() >= 15, e.problems().toString());
        for (ConfigProblem p : e.problems()) {
            String ko = p.in("ko");
            assertTrue(ko.startsWith("site.yaml:" + p.line() + ": "), ko);
            assertTrue(hangul(ko), ko);
            assertEquals(List.of(), englishRuns(ko), "English left in: " + ko);
            assertFalse(ko.contains("[config."), ko);
            assertFalse(p.in("en").contains("[config.") || hangul(p.in("en")), p.in("en"));
        }
        assertTrue(e.problems().stream().anyMatch(p -> p.in("ko").contains("retention.days: 30일은 법정 최대 보관 기간 14일")), e.problems().toString());
        assertTrue(e.getMessage().contains("problem(s) in configuration"), "logs stay English: " + e.getMessage());
    }

    static List<String> englishRuns(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = ENGLISH_RUN.matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    static boolean hangul(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    private static List<String> placeholders(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) out.add(m.group());
        return new ArrayList<>(new TreeSet<>(out));
    }
}

package io.vigil.server.cli;

import io.vigil.config.ConfigLoader;
import io.vigil.config.SiteSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which language the command line speaks, decided before the arguments are parsed so
 * that usage help and option errors are in it too (docs/cli.md, "Language"):
 * <ol>
 *   <li>{@code --lang ko|en} when the operator typed it;</li>
 *   <li>else the site's {@code language} from the configuration file the command names
 *       ({@code --config FILE}, or {@code config check FILE}), Korean when the file does not set it;
 *       for {@code demo}, the language of the configuration it writes ({@link DemoConfigYaml#LANGUAGE});</li>
 *   <li>else the environment's locale: {@code LC_ALL}, then {@code LC_MESSAGES}, then {@code LANG}
 *       ({@code ko_KR.UTF-8} gives Korean, anything else English).</li>
 * </ol>
 */
final class CliLanguage {
    private static final Pattern TOP_LEVEL_LANGUAGE = Pattern.compile("(?m)^language:\\s*[\"']?([A-Za-z-]+)[\"']?\\s*(?:#.*)?$");

    private CliLanguage() {}

    static String resolve(String[] args, Map<String, String> env) {
        List<String> options = optionsPart(args);
        Optional<String> typed = value(options, "--lang", null).filter(SiteSettings.LANGUAGES::contains);
        if (typed.isPresent()) return typed.get();
        Optional<String> site = isDemo(options) ? Optional.of(DemoConfigYaml.LANGUAGE)
                : configFile(options).flatMap(CliLanguage::siteLanguage);
        if (site.isPresent()) return site.get();
        return fromLocale(env);
    }

    /** The arguments up to "--" (after it everything is a parameter, never an option). */
    private static List<String> optionsPart(String[] args) {
        List<String> all = List.of(args);
        int end = all.indexOf("--");
        return end < 0 ? all : all.subList(0, end);
    }

    private static Optional<String> value(List<String> args, String longName, String shortName) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals(longName) || a.equals(shortName)) && i + 1 < args.size()) return Optional.of(args.get(i + 1));
            if (a.startsWith(longName + "=")) return Optional.of(a.substring(longName.length() + 1));
            if (shortName != null && a.startsWith(shortName) && a.length() > shortName.length() && !a.startsWith("--")) {
                return Optional.of(a.substring(shortName.length()).replaceFirst("^=", ""));
            }
        }
        return Optional.empty();
    }

    /** The command is {@code demo}: its first word that is neither an option nor the value of {@code --lang}. */
    private static boolean isDemo(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--lang")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a.equals("demo");
            }
        }
        return false;
    }

    /** The file of {@code --config FILE}, or the FILE of {@code config check FILE}. */
    private static Optional<Path> configFile(List<String> args) {
        Optional<String> option = value(args, "--config", "-c");
        if (option.isPresent()) return Optional.of(Path.of(option.get()));
        int config = args.indexOf("config");
        if (config >= 0 && config + 1 < args.size() && args.get(config + 1).equals("check")) {
            return args.subList(config + 2, args.size()).stream().filter(a -> !a.startsWith("-")).findFirst().map(Path::of);
        }
        return Optional.empty();
    }

    /**
     * The configuration's language: from the loaded file when it is valid, else from its
     * top-level {@code language:} line (a file with problems still says how its site
     * speaks, and those problems are then reported in that language). Empty when the
     * file cannot be read.
     */
    static Optional<String> siteLanguage(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            return Optional.of(ConfigLoader.load(file).settings().language());
        } catch (RuntimeException invalid) {
            try {
                Matcher m = TOP_LEVEL_LANGUAGE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                String lang = m.find() ? m.group(1) : SiteSettings.LANGUAGES.get(0);
                return Optional.of(SiteSettings.LANGUAGES.contains(lang) ? lang : SiteSettings.LANGUAGES.get(0));
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    static String fromLocale(Map<String, String> env) {
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return v.toLowerCase(Locale.ROOT).startsWith("ko") ? "ko" : "en";
        }
        return "en";
    }
}

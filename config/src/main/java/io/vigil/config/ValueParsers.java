package io.vigil.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the human spellings used in the YAML file: "10m", "2s", "20GB", "0.0.0.0:8443", "ko",
 * "Asia/Seoul", "rtsp://...". A bad spelling throws IllegalArgumentException with what is valid;
 * {@link YamlMap#value} turns it into a problem with the line and field.
 */
final class ValueParsers {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?", Pattern.CASE_INSENSITIVE);

    private ValueParsers() {}

    static Duration duration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (m.matches()) {
            long n = number(s, m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigValueException("config.notDuration", "value", s);
        }
    }

    static long size(String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            throw new ConfigValueException("config.notSize", "value", s);
        }
        long n = number(s, m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor = switch (unit) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "TIB" -> 1L << 40;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new ConfigValueException("config.tooLarge", "value", s);
        }
    }

    /** The digits of a duration or size; more than a long holds is too large, not a crash. */
    private static long number(String s, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ConfigValueException("config.tooLarge", "value", s);
        }
    }

    /**
     * "host:port" or "[v6]:port", resolved so it can be bound directly (an IP literal needs
     * no DNS; a name such as localhost is looked up once here).
     */
    static InetSocketAddress hostPort(String s) {
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new ConfigValueException("config.notHostPort", "value", s);
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigValueException("config.portNotNumber", "value", s);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigValueException("config.portRange", "value", s);
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new ConfigValueException("config.unknownHost", "value", s, "host", host);
        }
    }

    static String language(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        if (!SiteSettings.LANGUAGES.contains(l)) {
            throw new ConfigValueException("config.notLanguage", "value", s, "valid", String.join(", ", SiteSettings.LANGUAGES));
        }
        return l;
    }

    static ZoneId zone(String s) {
        try {
            return ZoneId.of(s.trim());
        } catch (java.time.DateTimeException e) {
            throw new ConfigValueException("config.notTimeZone", "value", s);
        }
    }

    static URI rtspUrl(String s) {
        URI u;
        try {
            u = new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new ConfigValueException("config.notUrl", "detail", e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw new ConfigValueException("config.notRtspUrl");
        }
        if (u.getHost() == null) throw new ConfigValueException("config.urlNoHost");
        if (u.getRawUserInfo() != null) {
            // Never echo the URL back: its user info may hold the camera's password.
            throw new ConfigValueException("config.urlCredentials");
        }
        return u;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.trim())) return e;
        }
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) valid.add(e.name().toLowerCase(Locale.ROOT));
        throw new ConfigValueException("config.notOneOf", "value", s, "valid", String.join(", ", valid));
    }
}

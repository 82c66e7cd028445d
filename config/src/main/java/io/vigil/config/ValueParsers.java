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
            long n = Long.parseLong(m.group(1));
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
            throw new IllegalArgumentException("'" + s + "' is not a duration (expected e.g. 500ms, 2s, 10m, 1h or PT10M)");
        }
    }

    static long size(String s) {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a size (expected e.g. 500MB, 20GB or 20GiB)");
        }
        long n = Long.parseLong(m.group(1));
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
        return Math.multiplyExact(n, factor);
    }

    /**
     * "host:port" or "[v6]:port", resolved so it can be bound directly (an IP literal needs
     * no DNS; a name such as localhost is looked up once here).
     */
    static InetSocketAddress hostPort(String s) {
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + s + "' is not host:port (expected e.g. 0.0.0.0:8443 or 127.0.0.1:8554)");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + s + "' port must be 0..65535");
        }
        try {
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "': host '" + host + "' is unknown (use an IP address such as 0.0.0.0 or 127.0.0.1)");
        }
    }

    static String language(String s) {
        String l = s.trim().toLowerCase(Locale.ROOT);
        if (!SiteSettings.LANGUAGES.contains(l)) {
            throw new IllegalArgumentException("'" + s + "' is not a language Vigil speaks (valid: " + String.join(", ", SiteSettings.LANGUAGES) + ")");
        }
        return l;
    }

    static ZoneId zone(String s) {
        try {
            return ZoneId.of(s.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a time zone (use a region id such as Asia/Seoul)");
        }
    }

    static URI rtspUrl(String s) {
        URI u;
        try {
            u = new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw new IllegalArgumentException("must be an rtsp:// or rtsps:// URL");
        }
        if (u.getHost() == null) throw new IllegalArgumentException("has no host");
        if (u.getRawUserInfo() != null) {
            // Never echo the URL back: its user info may hold the camera's password.
            throw new IllegalArgumentException("must not contain credentials; use username: and password: (env:NAME or file:/path) instead");
        }
        return u;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.trim())) return e;
        }
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) valid.add(e.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException("'" + s + "' is not valid (valid: " + String.join(", ", valid) + ")");
    }
}

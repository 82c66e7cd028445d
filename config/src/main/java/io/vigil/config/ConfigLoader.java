package io.vigil.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and validates the YAML configuration file. Every problem is collected with its
 * line and field before failing, so an operator fixes the file in one pass.
 * Relative paths are resolved against the directory of the file.
 */
public final class ConfigLoader {
    public static final int DEFAULT_RETENTION_DAYS = 14;
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SEGMENT_DURATION = Duration.ofSeconds(2);
    public static final long DEFAULT_MIN_FREE_BYTES = 1_000_000_000L;

    private static final int MAX_FILE_BYTES = 1 << 20;

    private ConfigLoader() {}

    /** Loads and validates a file; throws {@link ConfigException} with every problem. */
    public static VigilConfig load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, "", "file is larger than 1 MiB; is this the right file?")));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, "", "file does not exist")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, "", "cannot be read: " + e.getMessage())));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base);
    }

    /** Parses YAML text; {@code baseDir} resolves relative paths. */
    public static VigilConfig parse(String fileName, String text, Path baseDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        Node root;
        try (Reader r = new StringReader(text)) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(fileName)
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(10)
                    .setCodePointLimit(MAX_FILE_BYTES)
                    .build();
            Optional<Node> n = new Compose(settings).composeReader(r);
            if (n.isEmpty()) {
                throw new ConfigException(List.of(new ConfigProblem(fileName, 0, "", "file is empty")));
            }
            root = n.get();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(List.of(new ConfigProblem(fileName, line, "", "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, 0, "", "not valid YAML: " + firstLine(e.getMessage()))));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, 0, "", e.getMessage())));
        }
        YamlMap top = new YamlMap(fileName, "", root, problems);
        if (!(root instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            throw new ConfigException(List.of(new ConfigProblem(fileName, YamlMap.line(root), "", "the file must be a mapping of settings (site:, dataDir:, cameras:, ...)")));
        }
        VigilConfig config = new Reading(top, baseDir).read();
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** One pass over the tree; fields that fail get a problem and a harmless stand-in. */
    private static final class Reading {
        private final YamlMap top;
        private final Path base;

        Reading(YamlMap top, Path base) {
            this.top = top;
            this.base = base;
        }

        VigilConfig read() {
            top.rejectUnknown(ordered("site", "language", "timeZone", "dataDir", "keystore", "retention", "segmentDuration", "listen", "tls", "access", "live", "health", "policy", "cameras", "subjectRequests"));
            String site = Optional.ofNullable(top.string("site", false)).orElse("Vigil");
            Path dataDir = top.value("dataDir", true, null, this::path);

            YamlMap ks = top.map("keystore", true);
            ks.rejectUnknown(ordered("path", "passphrase"));
            Path keystore = ks.value("path", true, null, this::path);
            SecretRef passphrase = ks.value("passphrase", true, null, this::secret);
            if (dataDir != null && keystore != null && keystore.normalize().startsWith(dataDir.normalize())) {
                ks.problem(ks.node("path"), ks.field("path"),
                        "must lie outside dataDir (" + dataDir + "): a copy of the data directory must not carry the key that opens it");
            }

            RetentionConfig retention = retention(top.map("retention", false));
            Duration segmentDuration = top.value("segmentDuration", false, DEFAULT_SEGMENT_DURATION, ValueParsers::duration);
            if (segmentDuration.compareTo(Duration.ofMillis(500)) < 0 || segmentDuration.compareTo(Duration.ofSeconds(60)) > 0) {
                top.problem(top.node("segmentDuration"), "segmentDuration", segmentDuration.toMillis() + " ms is out of range (valid: 500ms..60s)");
            }

            ListenConfig listen = listen(top.map("listen", false));
            TlsConfig tls = tls(top.map("tls", false));

            YamlMap access = top.map("access", false);
            access.rejectUnknown(ordered("allowedNetworks", "monitoringNetworks", "idleTimeout"));
            Map<Role, List<NetworkRange>> allowed = allowedNetworks(access.map("allowedNetworks", false));
            List<NetworkRange> monitoring = networks(access, "monitoringNetworks");
            Duration idle = access.value("idleTimeout", false, SiteSettings.DEFAULT_IDLE_TIMEOUT, ValueParsers::duration);
            if (idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofHours(8)) > 0) {
                access.problem(access.node("idleTimeout"), access.field("idleTimeout"), idle.toSeconds() + " s is out of range (valid: 1m..8h)");
            }

            List<CameraConfig> cameras = cameras(listen);
            return new VigilConfig(site, dataDir, keystore, passphrase, retention, segmentDuration, cameras, listen, tls,
                    Map.copyOf(allowed), monitoring, live(top.map("live", false), settings().withIdleTimeout(idle).withCameraDownAfter(cameraDownAfter())),
                    subjectRequests(top.map("subjectRequests", false)),
                    PolicyReading.read(top.map("policy", false)));
        }

        /** {@code subjectRequests}: the kiosk's networks must be real, narrow networks (a kiosk "anywhere" is no kiosk). */
        private SubjectRequestConfig subjectRequests(YamlMap m) {
            m.rejectUnknown(ordered("kioskNetworks", "viewingPlace", "privacyOfficer"));
            List<NetworkRange> kiosk = new ArrayList<>();
            List<String> items = m.stringList("kioskNetworks");
            List<Node> nodes = m.list("kioskNetworks", false);
            for (int i = 0; i < items.size(); i++) {
                Node at = i < nodes.size() ? nodes.get(i) : null;
                String field = m.field("kioskNetworks") + "[" + i + "]";
                try {
                    NetworkRange n = NetworkRange.parse(items.get(i));
                    if (n.prefixLength() == 0) {
                        m.problem(at, field, "'" + n + "' is every address: viewings are opened only at the kiosk in the hospital"
                                + " (video policy Art. 5); name the kiosk's network, e.g. 10.20.9.0/28");
                    } else {
                        kiosk.add(n);
                    }
                } catch (IllegalArgumentException e) {
                    m.problem(at, field, e.getMessage());
                }
            }
            return new SubjectRequestConfig(kiosk, text(m, "viewingPlace"), text(m, "privacyOfficer"));
        }

        private static String text(YamlMap m, String key) {
            String v = m.string(key, false);
            if (v == null) return null;
            if (v.isBlank() || v.length() > 200) {
                m.problem(m.node(key), m.field(key), "must be 1..200 characters (it is printed on the notices as written)");
                return null;
            }
            return v.strip();
        }

        /** The live wall's limits (docs/live.md): how long it lasts without a touch, and at most. */
        private SiteSettings live(YamlMap l, SiteSettings settings) {
            l.rejectUnknown(ordered("idleTimeout", "shiftLength"));
            Duration idle = l.value("idleTimeout", false, SiteSettings.DEFAULT_LIVE_IDLE_TIMEOUT, ValueParsers::duration);
            if (idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofHours(8)) > 0) {
                l.problem(l.node("idleTimeout"), l.field("idleTimeout"), idle.toSeconds() + " s is out of range (valid: 1m..8h)");
            }
            Duration shift = l.value("shiftLength", false, SiteSettings.DEFAULT_LIVE_SHIFT_LENGTH, ValueParsers::duration);
            if (shift.compareTo(Duration.ofMinutes(30)) < 0 || shift.compareTo(Duration.ofHours(24)) > 0) {
                l.problem(l.node("shiftLength"), l.field("shiftLength"), shift.toMinutes() + " min is out of range (valid: 30m..24h)");
            } else if (shift.compareTo(idle) < 0) {
                l.problem(l.node("shiftLength"), l.field("shiftLength"), "is shorter than live.idleTimeout (" + idle.toMinutes()
                        + " min): the wall would end before it could be idle");
            }
            return settings.withLive(idle, shift);
        }

        /** How long a camera may be down before /health says DEGRADED: 30s..24h (shorter would page on every reconnect). */
        private Duration cameraDownAfter() {
            YamlMap health = top.map("health", false);
            health.rejectUnknown(ordered("cameraDownAfter"));
            Duration d = health.value("cameraDownAfter", false, SiteSettings.DEFAULT_CAMERA_DOWN_AFTER, ValueParsers::duration);
            if (d.compareTo(Duration.ofSeconds(30)) < 0 || d.compareTo(Duration.ofHours(24)) > 0) {
                health.problem(health.node("cameraDownAfter"), health.field("cameraDownAfter"),
                        d.toSeconds() + " s is out of range (valid: 30s..24h)");
                return SiteSettings.DEFAULT_CAMERA_DOWN_AFTER;
            }
            return d;
        }

        private SiteSettings settings() {
            String language = top.value("language", false, SiteSettings.LANGUAGES.get(0), ConfigLoader::language);
            ZoneId zone = top.value("timeZone", false, SiteSettings.DEFAULT_TIME_ZONE, ConfigLoader::zone);
            return new SiteSettings(language, zone);
        }

        private RetentionConfig retention(YamlMap r) {
            r.rejectUnknown(ordered("days", "legalMaximumDays", "purgeInterval", "minFreeSpace", "holdMaximumYears"));
            int legalMax = r.integer("legalMaximumDays", DEFAULT_RETENTION_DAYS, 1, 3650);
            int days = r.integer("days", Math.min(DEFAULT_RETENTION_DAYS, legalMax), 1, 3650);
            if (days > legalMax) {
                r.problem(r.node("days"), r.field("days"), days + " days exceeds the legal maximum of " + legalMax
                        + " days (retention.legalMaximumDays); footage may not be kept longer than the law allows");
            }
            Duration interval = r.value("purgeInterval", false, DEFAULT_PURGE_INTERVAL, ValueParsers::duration);
            if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(24)) > 0) {
                r.problem(r.node("purgeInterval"), r.field("purgeInterval"), interval + " is out of range (valid: 1s..24h)");
            }
            long minFree = r.value("minFreeSpace", false, DEFAULT_MIN_FREE_BYTES, ValueParsers::size);
            int holdYears = r.integer("holdMaximumYears", RetentionConfig.DEFAULT_HOLD_MAXIMUM_YEARS, 1, RetentionConfig.MAX_HOLD_MAXIMUM_YEARS);
            return new RetentionConfig(days, legalMax, interval, minFree, holdYears);
        }

        private ListenConfig listen(YamlMap l) {
            l.rejectUnknown(ordered("https", "httpRedirect", "rtsp"));
            InetSocketAddress https = l.value("https", false, new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 8443), ValueParsers::hostPort);
            InetSocketAddress redirect = l.value("httpRedirect", false, null, ValueParsers::hostPort);
            InetSocketAddress rtsp = l.value("rtsp", false, null, ValueParsers::hostPort);
            Set<String> seen = new HashSet<>();
            for (var e : Map.of("https", Optional.ofNullable(https), "httpRedirect", Optional.ofNullable(redirect), "rtsp", Optional.ofNullable(rtsp)).entrySet()) {
                InetSocketAddress a = e.getValue().orElse(null);
                if (a != null && a.getPort() != 0 && !seen.add(a.getHostString() + ":" + a.getPort())) {
                    l.problem(l.node(e.getKey()), l.field(e.getKey()), "uses the same address and port as another listener");
                }
            }
            return new ListenConfig(https, redirect, rtsp);
        }

        private TlsConfig tls(YamlMap t) {
            t.rejectUnknown(ordered("certificateChain", "privateKey"));
            Path cert = t.value("certificateChain", false, null, this::path);
            Path key = t.value("privateKey", false, null, this::path);
            if ((cert == null) != (key == null) && t.problems().stream().noneMatch(p -> p.field().startsWith("tls."))) {
                t.problem(null, "tls", "give both certificateChain and privateKey, or neither (then a self-signed certificate is made)");
            }
            return new TlsConfig(cert, key);
        }

        private Map<Role, List<NetworkRange>> allowedNetworks(YamlMap m) {
            Map<Role, List<NetworkRange>> out = new EnumMap<>(Role.class);
            for (String roleName : m.keys()) {
                Role role;
                try {
                    role = Role.fromConfigName(roleName);
                } catch (IllegalArgumentException e) {
                    m.problem(m.node(roleName), m.field(roleName), e.getMessage());
                    continue;
                }
                out.put(role, networks(m, roleName));
            }
            return out;
        }

        private List<NetworkRange> networks(YamlMap m, String key) {
            List<NetworkRange> out = new ArrayList<>();
            List<String> items = m.stringList(key);
            List<Node> nodes = m.list(key, false);
            for (int i = 0; i < items.size(); i++) {
                try {
                    out.add(NetworkRange.parse(items.get(i)));
                } catch (IllegalArgumentException e) {
                    m.problem(i < nodes.size() ? nodes.get(i) : null, m.field(key) + "[" + i + "]", e.getMessage());
                }
            }
            return List.copyOf(out);
        }

        private List<CameraConfig> cameras(ListenConfig listen) {
            List<Node> nodes = top.list("cameras", true);
            if (top.has("cameras") && nodes.isEmpty()) {
                top.problem(top.node("cameras"), "cameras", "needs at least one camera");
            }
            List<CameraConfig> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            boolean anyPush = false;
            for (int i = 0; i < nodes.size(); i++) {
                YamlMap c = new YamlMap(top.file(), "cameras[" + i + "]", nodes.get(i), top.problems());
                if (!(nodes.get(i) instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
                    c.problem(nodes.get(i), "cameras[" + i + "]", "must be a mapping with id, name, location, ...");
                    continue;
                }
                c.rejectUnknown(ordered("id", "name", "location", "range", "source", "url", "liveUrl", "transport", "username", "password", "publishPassword"));
                String id = c.string("id", true);
                if (id != null && !CameraId.isValid(id)) {
                    c.problem(c.node("id"), c.field("id"), "'" + id + "' is not a valid id (" + CameraId.RULE + ")");
                } else if (id != null && !ids.add(id)) {
                    c.problem(c.node("id"), c.field("id"), "'" + id + "' is used by another camera; ids must be unique");
                }
                String name = Optional.ofNullable(c.string("name", false)).orElse(id);
                String location = c.string("location", true);
                String range = PolicyReading.text(c, "range");
                CameraConfig.Source source = c.value("source", false, CameraConfig.Source.PULL, s -> enumValue(CameraConfig.Source.class, s));
                Transport transport = c.value("transport", false, Transport.TCP, s -> enumValue(Transport.class, s));
                String username = c.string("username", false);
                SecretRef password = c.value("password", false, null, this::secret);
                SecretRef publish = c.value("publishPassword", false, null, this::secret);
                URI url = null;
                URI liveUrl = null;
                if (source == CameraConfig.Source.PULL) {
                    url = c.value("url", true, null, ConfigLoader::rtspUrl);
                    liveUrl = c.value("liveUrl", false, null, ConfigLoader::rtspUrl);
                    if (liveUrl != null && liveUrl.equals(url)) {
                        c.problem(c.node("liveUrl"), c.field("liveUrl"), "is the recorded stream's url; leave liveUrl out to show that stream on the wall");
                    }
                    if (password != null && username == null) {
                        c.problem(c.node("password"), c.field("password"), "a password needs a username");
                    }
                    if (c.has("publishPassword")) {
                        c.problem(c.node("publishPassword"), c.field("publishPassword"), "only for source: push");
                    }
                } else {
                    anyPush = true;
                    if (c.has("url")) c.problem(c.node("url"), c.field("url"), "a push camera has no url; its encoder publishes to rtsp://HOST:PORT/" + id);
                    if (c.has("liveUrl")) {
                        c.problem(c.node("liveUrl"), c.field("liveUrl"), "only for source: pull (it is pulled with the camera's username and password)");
                    }
                    if (publish == null && c.problems().stream().noneMatch(p -> p.field().equals(c.field("publishPassword")))) {
                        c.problem(null, c.field("publishPassword"), "is required for source: push (env:NAME or file:/path)");
                    }
                }
                out.add(new CameraConfig(id, name, location, source, url, transport, username, password, publish, liveUrl, range));
            }
            if (anyPush && listen.rtsp() == null) {
                top.problem(top.node("listen"), "listen.rtsp", "is required when a camera has source: push (e.g. 0.0.0.0:8554)");
            }
            return List.copyOf(out);
        }

        private SecretRef secret(String s) {
            return SecretRef.parse(s).resolvedAgainst(base);
        }

        private Path path(String s) {
            if (s.isBlank()) throw new IllegalArgumentException("is empty");
            Path p = Path.of(s);
            return (p.isAbsolute() || base == null ? p : base.resolve(p)).normalize();
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

    private static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}

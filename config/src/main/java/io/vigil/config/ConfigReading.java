package io.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over the file's sections, in the order an operator reads them; each section's
 * rules live in its own reader. A value that fails gets a problem and a harmless stand-in,
 * so the pass goes on and reports every problem at once.
 */
final class ConfigReading {
    private final YamlMap top;
    private final BaseDir base;

    ConfigReading(YamlMap top, BaseDir base) {
        this.top = top;
        this.base = base;
    }

    VigilConfig read() {
        top.rejectUnknown(ordered("site", "language", "timeZone", "dataDir", "keystore", "retention", "segmentDuration", "listen", "tls",
                "access", "live", "health", "policy", "cameras", "subjectRequests"));
        String site = Optional.ofNullable(top.string("site", false)).orElse("Vigil");
        Path dataDir = top.value("dataDir", true, null, base::path);

        YamlMap ks = top.map("keystore", true);
        ks.rejectUnknown(ordered("path", "passphrase"));
        Path keystore = ks.value("path", true, null, base::path);
        SecretRef passphrase = ks.value("passphrase", true, null, base::secret);
        if (dataDir != null && keystore != null && keystore.normalize().startsWith(dataDir.normalize())) {
            ks.problem(ks.node("path"), ks.field("path"), "config.keystoreInsideData", "dataDir", dataDir);
        }

        RetentionConfig retention = RetentionReading.read(top.map("retention", false));
        Duration segmentDuration = segmentDuration();
        ListenConfig listen = ListenReading.listen(top.map("listen", false));
        TlsConfig tls = ListenReading.tls(top.map("tls", false), base);

        YamlMap access = top.map("access", false);
        access.rejectUnknown(ordered("allowedNetworks", "monitoringNetworks", "idleTimeout"));
        Map<Role, List<NetworkRange>> allowed = NetworkReading.allowedNetworks(access.map("allowedNetworks", false));
        List<NetworkRange> monitoring = NetworkReading.networks(access, "monitoringNetworks");

        List<CameraConfig> cameras = new CameraReading(top, base).read(listen);
        SiteSettings settings = SiteSettingsReading.read(top, access);
        YamlMap requests = top.map("subjectRequests", false);
        SubjectRequestConfig subjectRequests = SubjectRequestReading.read(requests);
        YamlMap policySection = top.map("policy", false);
        PolicyConfig policy = DeprecatedKeys.movePolicyFacts(requests, policySection, PolicyReading.read(policySection));
        return new VigilConfig(site, dataDir, keystore, passphrase, retention, segmentDuration, cameras, listen, tls,
                Map.copyOf(allowed), monitoring, settings, subjectRequests, policy);
    }

    private Duration segmentDuration() {
        Duration d = top.value("segmentDuration", false, ConfigDefaults.SEGMENT_DURATION, ValueParsers::duration);
        if (d.compareTo(Duration.ofMillis(500)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
            top.problem(top.node("segmentDuration"), "segmentDuration", "config.millisOutOfRange", "millis", d.toMillis(), "range", "500ms..60s");
        }
        return d;
    }

    /** Keys in the order the "valid here" hint lists them. */
    static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}

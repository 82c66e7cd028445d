package io.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole validated configuration, as read from one YAML file by
 * {@link ConfigLoader}. Immutable; every field is already checked.
 *
 * @param site               name of the site (shown in the viewer and in exports)
 * @param dataDir            segment files and the RocksDB index
 * @param keystore           passphrase-protected keystore file (outside dataDir)
 * @param keystorePassphrase where the keystore passphrase comes from
 * @param retention          retention and purge settings
 * @param segmentDuration    target segment length (default 2 s); cut at the next keyframe
 * @param cameras            the cameras, ids unique
 * @param listen             listen addresses
 * @param tls                gateway certificate
 * @param allowedNetworks    client networks each role may log in from (absent role: anywhere)
 * @param monitoringNetworks networks that may read /metrics and /health without a login
 * @param settings           site language and time zone
 * @param subjectRequests    the kiosk networks subjects' viewings open from
 * @param policy             the people and places the published policy and the notices name (docs/policy.md)
 * @param warnings           what the file should change but Vigil accepted (a deprecated key), each with its
 *                           line; printed by {@code config check} and logged at start
 */
public record VigilConfig(
        String site,
        Path dataDir,
        Path keystore,
        SecretRef keystorePassphrase,
        RetentionConfig retention,
        Duration segmentDuration,
        List<CameraConfig> cameras,
        ListenConfig listen,
        TlsConfig tls,
        Map<Role, List<NetworkRange>> allowedNetworks,
        List<NetworkRange> monitoringNetworks,
        SiteSettings settings,
        SubjectRequestConfig subjectRequests,
        PolicyConfig policy,
        List<ConfigProblem> warnings) {

    public VigilConfig {
        if (settings == null) settings = SiteSettings.defaults();
        if (subjectRequests == null) subjectRequests = SubjectRequestConfig.none();
        if (policy == null) policy = PolicyConfig.unset();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Without warnings: a configuration built in code. */
    public VigilConfig(String site, Path dataDir, Path keystore, SecretRef keystorePassphrase, RetentionConfig retention,
                       Duration segmentDuration, List<CameraConfig> cameras, ListenConfig listen, TlsConfig tls,
                       Map<Role, List<NetworkRange>> allowedNetworks, List<NetworkRange> monitoringNetworks, SiteSettings settings,
                       SubjectRequestConfig subjectRequests, PolicyConfig policy) {
        this(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, subjectRequests, policy, List.of());
    }

    /** Without a policy section: for callers built before it existed. */
    public VigilConfig(String site, Path dataDir, Path keystore, SecretRef keystorePassphrase, RetentionConfig retention,
                       Duration segmentDuration, List<CameraConfig> cameras, ListenConfig listen, TlsConfig tls,
                       Map<Role, List<NetworkRange>> allowedNetworks, List<NetworkRange> monitoringNetworks, SiteSettings settings,
                       SubjectRequestConfig subjectRequests) {
        this(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, subjectRequests, PolicyConfig.unset());
    }

    /** Without subject-request settings (no kiosk network): for callers built before they existed. */
    public VigilConfig(String site, Path dataDir, Path keystore, SecretRef keystorePassphrase, RetentionConfig retention,
                       Duration segmentDuration, List<CameraConfig> cameras, ListenConfig listen, TlsConfig tls,
                       Map<Role, List<NetworkRange>> allowedNetworks, List<NetworkRange> monitoringNetworks, SiteSettings settings) {
        this(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, SubjectRequestConfig.none(), PolicyConfig.unset());
    }

    /** Without site settings (Korean, Asia/Seoul): for callers built before they existed. */
    public VigilConfig(String site, Path dataDir, Path keystore, SecretRef keystorePassphrase, RetentionConfig retention,
                       Duration segmentDuration, List<CameraConfig> cameras, ListenConfig listen, TlsConfig tls,
                       Map<Role, List<NetworkRange>> allowedNetworks, List<NetworkRange> monitoringNetworks) {
        this(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, SiteSettings.defaults(), SubjectRequestConfig.none(), PolicyConfig.unset());
    }

    /** The same configuration with other site settings. */
    public VigilConfig withSettings(SiteSettings s) {
        return new VigilConfig(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, s, subjectRequests, policy, warnings);
    }

    /** The same configuration with other subject-request settings. */
    public VigilConfig withSubjectRequests(SubjectRequestConfig r) {
        return new VigilConfig(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, r, policy, warnings);
    }

    /** The same configuration with another policy section. */
    public VigilConfig withPolicy(PolicyConfig p) {
        return new VigilConfig(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, subjectRequests, p, warnings);
    }

    /** The same configuration with the loader's warnings. */
    public VigilConfig withWarnings(List<ConfigProblem> w) {
        return new VigilConfig(site, dataDir, keystore, keystorePassphrase, retention, segmentDuration, cameras, listen, tls,
                allowedNetworks, monitoringNetworks, settings, subjectRequests, policy, w);
    }

    /** The configured camera whose id is {@code id} (a URL path segment, a form field: not yet checked), or null. */
    public CameraConfig camera(String id) {
        return CameraId.isValid(id) ? camera(new CameraId(id)) : null;
    }

    /** The configured camera {@code id}, or null. */
    public CameraConfig camera(CameraId id) {
        return cameras.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    /** The configured cameras' ids, in the file's order. */
    public List<CameraId> cameraIds() {
        return cameras.stream().map(CameraConfig::id).toList();
    }
}

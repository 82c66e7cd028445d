package io.vigil.gateway;

import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.NetworkRange;
import io.vigil.config.PolicyConfig;
import io.vigil.config.RetentionConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.SiteSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hospital a {@link GatewayFixture} starts: its name, cameras, clock, settings and what is
 * in the store before the first test step. Two sites to start from, changed with the
 * {@code with...} methods:
 * <ul>
 *   <li>{@link #api()}, the API tests' clinic: three pushed cameras, a clock the test moves
 *       (from {@link GatewayFixture#NOW}), one account per role ({@link GatewayFixture#USERS})
 *       and T0's footage on cam-01 and cam-02;</li>
 *   <li>{@link #browser()}, the browser tests' hospital: four pulled cameras named as wards
 *       (cam-01 recording, cam-02 down), the wall clock (Chromium runs on it), English pages on
 *       Seoul's clock, no accounts and no footage (each test class adds its own).</li>
 * </ul>
 *
 * @param name            the site's name (pages, manifests)
 * @param cameras         the configured cameras
 * @param wallClock       whether the gateway's clock runs with the wall clock (else it stands at NOW until moved)
 * @param retention       retention settings
 * @param httpRedirect    whether a plain-HTTP redirect listener starts too
 * @param allowedNetworks where each role may sign in from
 * @param monitoring      networks reading /metrics and /health's details without signing in
 * @param settings        language, time zone, idle timeout
 * @param policy          the published policy's section, or null for none
 * @param statuses        the cameras' live states, given the gateway's clock and when it booted
 * @param seeded          whether the accounts of {@link GatewayFixture#USERS} and T0's footage are in the store
 */
public record GatewaySite(String name, List<CameraConfig> cameras, boolean wallClock, RetentionConfig retention, boolean httpRedirect,
                          Map<Role, List<NetworkRange>> allowedNetworks, List<NetworkRange> monitoring, SiteSettings settings,
                          PolicyConfig policy, Statuses statuses, boolean seeded) {

    /** The cameras' live states the gateway shows: what ingest would report. */
    @FunctionalInterface
    public interface Statuses {
        CameraStatusProvider provider(Clock clock, Instant bootedAt);
    }

    /**
     * English pages on Seoul's clock: the browser runs in the machine's zone (UTC here), so every
     * date the pages show goes through the site's zone.
     */
    public static final SiteSettings ENGLISH_IN_SEOUL = new SiteSettings("en", ZoneId.of("Asia/Seoul"));

    /** The API tests' clinic (see the class comment). */
    public static GatewaySite api() {
        List<CameraConfig> cams = new ArrayList<>();
        for (String id : GatewayFixture.CAMERAS) {
            cams.add(new CameraConfig(CameraId.of(id), "Camera " + id, "Ward " + id, CameraConfig.Source.PUSH, null, null, null, null,
                    SecretRef.env("X_" + id.replace('-', '_'))));
        }
        return new GatewaySite("Test Clinic", cams, false, new RetentionConfig(14, 14, Duration.ofMinutes(10), 0), true, Map.of(), List.of(),
                SiteSettings.defaults(), null,
                (clock, bootedAt) -> () -> Map.of("cam-01", new CameraStatusView("RECORDING", null, GatewayFixture.NOW.minusSeconds(1))),
                true);
    }

    /** The browser tests' hospital (see the class comment). */
    public static GatewaySite browser() {
        List<CameraConfig> cams = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String id = String.format("cam-%02d", i);
            cams.add(new CameraConfig(CameraId.of(id), "Ward " + i + " corridor", "Building A, floor " + i, CameraConfig.Source.PULL,
                    URI.create("rtsp://127.0.0.1:1/" + id), null, null, null, null));
        }
        return new GatewaySite("Web test hospital", cams, true, new RetentionConfig(14, 30, Duration.ofMinutes(10), 0), false, Map.of(),
                List.of(), ENGLISH_IN_SEOUL, null,
                (clock, bootedAt) -> () -> Map.of(
                        "cam-01", new CameraStatusView("RECORDING", null, clock.instant().minusSeconds(1)),
                        "cam-02", new CameraStatusView("DOWN", "connection refused", bootedAt)),
                false);
    }

    public GatewaySite withRetention(RetentionConfig r) {
        return new GatewaySite(name, cameras, wallClock, r, httpRedirect, allowedNetworks, monitoring, settings, policy, statuses, seeded);
    }

    public GatewaySite withAllowedNetworks(Map<Role, List<NetworkRange>> allowed) {
        return new GatewaySite(name, cameras, wallClock, retention, httpRedirect, allowed, monitoring, settings, policy, statuses, seeded);
    }

    public GatewaySite withMonitoring(List<NetworkRange> networks) {
        return new GatewaySite(name, cameras, wallClock, retention, httpRedirect, allowedNetworks, networks, settings, policy, statuses, seeded);
    }

    public GatewaySite withSettings(SiteSettings s) {
        return new GatewaySite(name, cameras, wallClock, retention, httpRedirect, allowedNetworks, monitoring, s, policy, statuses, seeded);
    }

    public GatewaySite withPolicy(PolicyConfig p) {
        return new GatewaySite(name, cameras, wallClock, retention, httpRedirect, allowedNetworks, monitoring, settings, p, statuses, seeded);
    }
}

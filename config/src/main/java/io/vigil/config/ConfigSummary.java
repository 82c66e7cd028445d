package io.vigil.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary printed by {@code vigil config check} for a valid file. */
public final class ConfigSummary {
    private ConfigSummary() {}

    public static String render(VigilConfig c) {
        StringBuilder b = new StringBuilder();
        b.append("Configuration is valid.\n");
        b.append("Site:        ").append(c.site()).append('\n');
        b.append("Data:        ").append(c.dataDir()).append('\n');
        b.append("Keystore:    ").append(c.keystore()).append(" (passphrase from ").append(c.keystorePassphrase()).append(")\n");
        b.append("Retention:   ").append(c.retention().days()).append(" days (legal maximum ")
                .append(c.retention().legalMaximumDays()).append("), purge every ")
                .append(human(c.retention().purgeInterval())).append(", free-space floor ")
                .append(c.retention().minFreeBytes() / 1_000_000).append(" MB\n");
        b.append("Segments:    ").append(human(c.segmentDuration())).append(", cut at keyframes, AES-256-GCM\n");
        b.append("Listen:      https ").append(addr(c.listen().https()));
        if (c.listen().httpRedirect() != null) b.append(", http redirect ").append(addr(c.listen().httpRedirect()));
        if (c.listen().rtsp() != null) b.append(", rtsp ").append(addr(c.listen().rtsp()));
        b.append('\n');
        b.append("TLS:         ").append(c.tls().selfSigned() ? "self-signed certificate made on first start" : c.tls().certificateChain().toString()).append('\n');
        for (Map.Entry<Role, List<NetworkRange>> e : c.allowedNetworks().entrySet()) {
            b.append("Access:      ").append(e.getKey().configName()).append(" only from ")
                    .append(e.getValue().stream().map(NetworkRange::toString).collect(Collectors.joining(", "))).append('\n');
        }
        List<NetworkRange> kiosk = c.subjectRequests().kioskNetworks();
        b.append("Kiosk:       ").append(kiosk.isEmpty() ? "none: subjects' viewings cannot be opened (subjectRequests.kioskNetworks)"
                : "subjects' viewings only from " + kiosk.stream().map(NetworkRange::toString).collect(Collectors.joining(", "))).append('\n');
        b.append("Cameras:     ").append(c.cameras().size()).append('\n');
        for (CameraConfig cam : c.cameras()) {
            b.append(String.format("  %-8s %-28s %-30s %s%n", cam.id(), trim(cam.name(), 28), trim(cam.location(), 30),
                    cam.source() == CameraConfig.Source.PULL
                            ? "pull " + cam.url().getHost() + (cam.url().getPort() > 0 ? ":" + cam.url().getPort() : "") + " " + cam.transport().name().toLowerCase()
                            : "push (publishes to Vigil's RTSP server)"));
        }
        if (!c.warnings().isEmpty()) {
            b.append("Warnings:    ").append(c.warnings().size()).append(" (Vigil starts, but change the file)\n");
            for (ConfigProblem w : c.warnings()) b.append("  ").append(w).append('\n');
        }
        return b.toString();
    }

    private static String addr(java.net.InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() + ":" + a.getPort() : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static String trim(String s, int n) {
        if (s == null) return "";
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String human(java.time.Duration d) {
        if (d.toMillis() % 60_000 == 0) return d.toMinutes() + " min";
        if (d.toMillis() % 1000 == 0) return d.toSeconds() + " s";
        return d.toMillis() + " ms";
    }
}

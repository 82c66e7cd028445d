package io.vigil.server.cli;

import io.vigil.config.CameraConfig;
import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.server.i18n.CliText;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary {@code vigil config check} prints for a valid file, in the operator's language. */
final class ConfigSummaryText {
    private ConfigSummaryText() {}

    static String render(VigilConfig c, CliText text) {
        List<String[]> rows = new ArrayList<>();
        row(rows, text, "site", c.site());
        row(rows, text, "language", c.settings().language() + ", " + c.settings().timeZone());
        row(rows, text, "data", c.dataDir());
        row(rows, text, "keystore", text.t("summary.keystoreValue", "file", c.keystore(), "source", c.keystorePassphrase()));
        row(rows, text, "retention", text.t("summary.retentionValue", "days", c.retention().days(), "max", c.retention().legalMaximumDays(),
                "interval", human(c.retention().purgeInterval(), text), "floor", c.retention().minFreeBytes() / 1_000_000));
        row(rows, text, "segments", text.t("summary.segmentsValue", "duration", human(c.segmentDuration(), text)));
        String listen = "https " + addr(c.listen().https())
                + (c.listen().httpRedirect() == null ? "" : ", http " + addr(c.listen().httpRedirect()))
                + (c.listen().rtsp() == null ? "" : ", rtsp " + addr(c.listen().rtsp()));
        row(rows, text, "listen", listen);
        row(rows, text, "tls", c.tls().selfSigned() ? text.t("summary.selfSigned") : c.tls().certificateChain());
        for (Map.Entry<Role, List<NetworkRange>> e : c.allowedNetworks().entrySet()) {
            row(rows, text, "access", text.t("summary.accessValue", "role", e.getKey().configName(), "networks", networks(e.getValue())));
        }
        List<NetworkRange> kiosk = c.subjectRequests().kioskNetworks();
        row(rows, text, "kiosk", kiosk.isEmpty() ? text.t("summary.kioskNone") : text.t("summary.kioskValue", "networks", networks(kiosk)));
        row(rows, text, "cameras", c.cameras().size());
        StringBuilder b = new StringBuilder(text.t("summary.valid")).append(System.lineSeparator());
        b.append(TextColumns.render(rows));
        List<String[]> cams = new ArrayList<>();
        for (CameraConfig cam : c.cameras()) {
            String source = cam.source() == CameraConfig.Source.PULL
                    ? "pull " + cam.url().getHost() + (cam.url().getPort() > 0 ? ":" + cam.url().getPort() : "") + " "
                            + cam.transport().name().toLowerCase(java.util.Locale.ROOT)
                    : text.t("summary.push");
            cams.add(new String[] {" ", cam.id().value(), trim(cam.name(), 28), trim(cam.location(), 30), source});
        }
        if (!cams.isEmpty()) b.append(TextColumns.render(cams));
        // A deprecated key still read: the line, field and replacement are the config module's words.
        if (!c.warnings().isEmpty()) {
            b.append(text.t("summary.warnings", "count", c.warnings().size())).append(System.lineSeparator());
            for (io.vigil.config.ConfigProblem w : c.warnings()) b.append("  ").append(w.in(text.language())).append(System.lineSeparator());
        }
        return b.toString();
    }

    private static void row(List<String[]> rows, CliText text, String field, Object value) {
        rows.add(new String[] {text.t("summary." + field), String.valueOf(value)});
    }

    private static String networks(List<NetworkRange> ranges) {
        return ranges.stream().map(NetworkRange::toString).collect(Collectors.joining(", "));
    }

    private static String addr(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() + ":" + a.getPort() : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static String trim(String s, int n) {
        if (s == null) return "";
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String human(Duration d, CliText text) {
        if (d.toMillis() % 60_000 == 0) return text.t("unit.minutes", "n", d.toMinutes());
        if (d.toMillis() % 1000 == 0) return text.t("unit.seconds", "n", d.toSeconds());
        return text.t("unit.millis", "n", d.toMillis());
    }
}

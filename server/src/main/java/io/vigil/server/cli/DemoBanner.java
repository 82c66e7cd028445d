package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.i18n.CliText;
import io.vigil.server.sim.CameraSimHost;
import java.nio.file.Path;
import java.util.Map;

/** What {@code vigil demo} prints once it runs: the viewer's address, the logins, where the data is, how to stop. */
final class DemoBanner {
    private DemoBanner() {}

    static String render(CliText text, String viewerUrl, VigilConfig config, Path configFile, Path root, CameraSimHost sim,
                         Map<String, String> logins) {
        StringBuilder b = new StringBuilder();
        b.append('\n').append("  ").append(text.t("demo.running")).append("\n\n");
        b.append("  ").append(text.t("demo.viewer", "url", viewerUrl)).append('\n');
        b.append("  ").append(text.t("demo.logins", "file", root.resolve("secrets/logins.txt"))).append('\n');
        logins.forEach((user, pw) -> b.append(String.format("    %-8s %-18s %s%n", user, pw, text.t("demo.login." + user))));
        b.append("  ").append(text.t("demo.cameras", "count", sim.cameraIds().size(), "url", sim.url(sim.cameraIds().get(0)))).append('\n');
        b.append("  ").append(text.t("demo.data", "dir", config.dataDir(), "keystore", config.keystore())).append('\n');
        b.append("  ").append(text.t("demo.config", "file", configFile)).append('\n');
        b.append("  ").append(text.t("demo.stop", "dir", root)).append('\n');
        return b.toString();
    }
}

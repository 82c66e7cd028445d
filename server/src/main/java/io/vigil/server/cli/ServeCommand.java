package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.i18n.CliText;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run Vigil: record the configured cameras, serve the viewer, purge expired footage.")
public final class ServeCommand extends ConfiguredCommand {
    @Override
    int run(VigilConfig cfg) throws Exception {
        CliText text = text();
        String file = config.file().toString();
        FreePorts.require(cfg.listen().https(), text.t("port.what.https"), text.t("port.change.setting", "setting", "listen.https", "file", file));
        FreePorts.require(cfg.listen().httpRedirect(), text.t("port.what.redirect"),
                text.t("port.change.setting", "setting", "listen.httpRedirect", "file", file));
        FreePorts.require(cfg.listen().rtsp(), text.t("port.what.rtsp"), text.t("port.change.setting", "setting", "listen.rtsp", "file", file));
        try (VigilServer server = VigilServer.start(cfg)) {
            PrintWriter out = out();
            out.println(text.t("serve.running", "url", server.viewerUrl()));
            out.flush();
            server.awaitShutdown();
        }
        return 0;
    }
}

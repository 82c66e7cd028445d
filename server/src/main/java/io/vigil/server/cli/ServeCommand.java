package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.i18n.CliText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run Vigil: record the configured cameras, serve the viewer, purge expired footage.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliText text = VigilCommand.text(spec);
        VigilConfig cfg = config.load();
        String file = config.file().toString();
        FreePorts.require(cfg.listen().https(), text.t("port.what.https"), text.t("port.change.setting", "setting", "listen.https", "file", file));
        FreePorts.require(cfg.listen().httpRedirect(), text.t("port.what.redirect"),
                text.t("port.change.setting", "setting", "listen.httpRedirect", "file", file));
        FreePorts.require(cfg.listen().rtsp(), text.t("port.what.rtsp"), text.t("port.change.setting", "setting", "listen.rtsp", "file", file));
        try (VigilServer server = VigilServer.start(cfg)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(text.t("serve.running", "url", server.viewerUrl()));
            out.flush();
            server.awaitShutdown();
        }
        return 0;
    }
}

package io.vigil.server.cli;

import io.vigil.server.VigilServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run Vigil: record the configured cameras, serve the viewer, purge expired footage.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        try (VigilServer server = VigilServer.start(config.load())) {
            System.out.println("Vigil is running. Viewer: " + server.viewerUrl() + "   Stop with Ctrl-C.");
            server.awaitShutdown();
        }
        return 0;
    }
}

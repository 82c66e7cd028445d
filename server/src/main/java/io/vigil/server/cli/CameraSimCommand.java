package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.i18n.CliText;
import io.vigil.server.sim.CameraSimHost;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "camera-sim", mixinStandardHelpOptions = true,
        description = "Serve N synthetic H.264 cameras over RTSP (moving pattern, wall-clock time burned in).")
public final class CameraSimCommand implements Callable<Integer> {
    @Option(names = "--count", paramLabel = "N", defaultValue = "16", description = "number of cameras, 1..1000 (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8554", paramLabel = "HOST:PORT",
            description = "RTSP address to serve on (default ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--replay", description = "encode a 2-second loop once and replay it (cheap; for scale tests) instead of live encoding")
    boolean replay;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1000) {
            throw new KeyedUsageError(spec.commandLine(), "error.outOfRange", "option", "--count", "value", count, "range", "1..1000");
        }
        InetSocketAddress bind = parse(listen);
        CliText text = VigilCommand.text(spec);
        FreePorts.require(bind, text.t("port.what.simulator"), text.t("port.change.option", "option", "--listen"));
        try (CameraSimHost host = CameraSimHost.start(bind, count, replay ? CameraSimulator.Mode.REPLAY : CameraSimulator.Mode.LIVE,
                SimSettings.LIVE, Clock.systemUTC())) {
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.println(text.t("sim.serving", "count", count, "first", host.url(host.cameraIds().get(0)), "last", host.url(host.cameraIds().get(count - 1))));
            out.println(text.t("sim.stop"));
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon <= 0) throw new NumberFormatException();
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(hostPort.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new UserFacingException("sim.badListen", "value", hostPort);
        }
    }
}

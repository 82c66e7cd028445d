package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
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
    @Option(names = "--count", defaultValue = "16", description = "number of cameras, 1..1000 (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8554", paramLabel = "HOST:PORT",
            description = "RTSP address to serve on (default ${DEFAULT-VALUE})")
    String listen;

    @Option(names = "--replay", description = "encode a 2-second loop once and replay it (cheap; for scale tests) instead of live encoding")
    boolean replay;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1000) throw new UserFacingException("--count: " + count + " is out of range (1..1000)");
        InetSocketAddress bind = parse(listen);
        try (CameraSimHost host = CameraSimHost.start(bind, count, replay ? CameraSimulator.Mode.REPLAY : CameraSimulator.Mode.LIVE,
                SimSettings.LIVE, Clock.systemUTC())) {
            System.out.println("Serving " + count + " synthetic camera(s): " + host.url("cam01") + " ... " + host.url(host.cameraIds().get(count - 1)));
            System.out.println("Stop with Ctrl-C.");
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
            throw new UserFacingException("--listen: '" + hostPort + "' is not HOST:PORT (e.g. 127.0.0.1:8554)");
        }
    }
}

package io.vigil.server.sim;

import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.RtspPlaySession;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.ingest.stream.StreamListenerFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * Serves N synthetic cameras over RTSP (DESCRIBE/SETUP/PLAY), as real IP cameras do, at
 * rtsp://HOST:PORT/cam01 ... Publishing to this server is refused (404): it is a camera,
 * not a recorder.
 */
public final class CameraSimHost implements AutoCloseable {
    private final CameraSimulator simulator;
    private final RtspServer server;
    private final List<CameraId> ids;
    private final InetSocketAddress address;

    private CameraSimHost(CameraSimulator simulator, RtspServer server, InetSocketAddress address, List<CameraId> ids) {
        this.simulator = simulator;
        this.server = server;
        this.address = address;
        this.ids = ids;
    }

    public static CameraSimHost start(InetSocketAddress bind, int count, CameraSimulator.Mode mode, SimSettings settings, Clock clock)
            throws InterruptedException {
        // libopenh264 reports its rate-control choices at warning level for every encoder; operators need errors only.
        io.vigil.redaction.FfmpegLog.errorsOnly();
        CameraSimulator simulator = new CameraSimulator(mode, settings, clock);
        StreamListenerFactory noPublishing = id -> {
            throw new IllegalStateException("camera-sim accepts no publishers");
        };
        RtspServer server = new RtspServer(bind, id -> null, noPublishing, RtspServerOptions.DEFAULT, null);
        try {
            simulator.start(count);
            // The simulator names its cameras (cam01, cam02, ...); the server serves each under its name.
            server.servePlayers(RtspPlaySession.FACTORY);
            simulator.cameras().forEach((id, camera) -> server.registerSource(id.value(), camera));
            return new CameraSimHost(simulator, server, server.start(), List.copyOf(simulator.cameras().keySet()));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            simulator.close();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The cameras served, in order: cam01, cam02, ... (the ids a Vigil configuration gives them). */
    public List<CameraId> cameraIds() {
        return ids;
    }

    /** Where {@code camera} is served: its id is the URL's path. */
    public String url(CameraId camera) {
        return "rtsp://" + address.getHostString() + ":" + address.getPort() + "/" + camera.value();
    }

    @Override
    public void close() {
        server.close();
        simulator.close();
    }
}

package io.vigil.ingest.rtsp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A stand-in IP camera: Debian's gst-rtsp-server (libgstrtspserver through python3-gi)
 * serving a live test pattern with a (silent) audio track, optionally behind Digest or
 * Basic authentication. Packages: gstreamer1.0-rtsp gstreamer1.0-plugins-ugly
 * gstreamer1.0-plugins-bad gstreamer1.0-tools gir1.2-gst-rtsp-server-1.0 python3-gi.
 */
public final class GstRtspCamera implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = """
            import sys
            import gi
            gi.require_version('Gst', '1.0')
            gi.require_version('GstRtsp', '1.0')
            gi.require_version('GstRtspServer', '1.0')
            from gi.repository import Gst, GstRtsp, GstRtspServer, GLib

            Gst.init(None)
            codec, auth_mode, user, password = sys.argv[1:5]
            server = GstRtspServer.RTSPServer()
            server.set_address('127.0.0.1')
            server.set_service(sys.argv[5] if len(sys.argv) > 5 else '0')
            factory = GstRtspServer.RTSPMediaFactory()
            if codec == 'h265':
                video = 'x265enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph265pay name=pay0 pt=96 config-interval=1'
            else:
                video = 'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 ! rtph264pay name=pay0 pt=96 config-interval=1'
            factory.set_launch('( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=25/1 ! ' + video
                               + ' audiotestsrc is-live=true wave=silence ! alawenc ! rtppcmapay name=pay1 pt=8 )')
            factory.set_shared(True)
            if auth_mode != 'none':
                auth = GstRtspServer.RTSPAuth()
                token = GstRtspServer.RTSPToken()
                token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, 'camera-user')
                if auth_mode == 'digest':
                    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
                    auth.add_digest(user, password, token)
                else:
                    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
                    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
                server.set_auth(auth)
                perms = GstRtspServer.RTSPPermissions()
                perms.add_permission_for_role('camera-user', GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
                perms.add_permission_for_role('camera-user', GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
                factory.set_permissions(perms)
            server.get_mount_points().add_factory('/camera', factory)
            server.attach(None)
            print('PORT %d' % server.get_bound_port(), flush=True)
            GLib.MainLoop().run()
            """;

    private final ExternalProcess process;
    private final Path script;
    private final int port;

    private GstRtspCamera(ExternalProcess process, Path script, int port) {
        this.process = process;
        this.script = script;
        this.port = port;
    }

    /** Skips the calling test (JUnit assumption) when gst-rtsp-server is not installed. */
    public static void assumeInstalled() throws Exception {
        boolean ok = false;
        if (ExternalProcess.executable(PYTHON)) {
            Process p = new ProcessBuilder(PYTHON, "-c",
                    "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor() == 0;
        }
        assumeTrue(ok, "gst-rtsp-server via python3-gi is not installed; install with: apt-get install -y "
                + "gstreamer1.0-rtsp gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad gstreamer1.0-tools gir1.2-gst-rtsp-server-1.0 python3-gi");
    }

    /** @param auth "none", "digest" or "basic" */
    public static GstRtspCamera start(String codec, String auth, String user, String password) throws Exception {
        return start(codec, auth, user, password, 0);
    }

    /** @param port the TCP port to serve on (0: any free one), e.g. the port of a camera that went away, to bring it back */
    public static GstRtspCamera start(String codec, String auth, String user, String password, int port) throws Exception {
        Path script = Files.createTempFile("vigil-gst-camera", ".py");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        ExternalProcess p = ExternalProcess.start(List.of(PYTHON, script.toString(), codec, auth, user, password,
                Integer.toString(port)));
        Pattern portLine = Pattern.compile("PORT (\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = portLine.matcher(p.output());
            if (m.find()) return new GstRtspCamera(p, script, Integer.parseInt(m.group(1)));
            if (!p.alive()) break;
            Thread.onSpinWait();
            Thread.yield();
        }
        String out = p.output();
        p.close();
        throw new IOException("gst-rtsp-server did not start: " + out);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "rtsp://127.0.0.1:" + port + "/camera";
    }

    @Override
    public void close() throws IOException {
        process.close();
        Files.deleteIfExists(script);
    }
}

package io.vigil.ingest.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately misbehaving RTSP camera for fault injection (blocking sockets, one
 * thread per connection: it is test code, not Vigil). It negotiates normally over TCP
 * interleaved and then does what its {@link Behaviour} says.
 */
public final class FakeCamera implements AutoCloseable {
    public enum Behaviour {
        /** sends RTP for about one second, then drops the connection */
        DISCONNECT_EVERY_SECOND,
        /** answers PLAY and then sends nothing */
        STALL,
        /** sends random bytes instead of interleaved frames after PLAY */
        GARBAGE_AFTER_PLAY,
        /** sends an interleaved header announcing more than allowed after PLAY */
        OVERSIZED_FRAME,
        /** sends a malformed RTSP response to DESCRIBE */
        MALFORMED_RESPONSE,
        /** sends RTP as fast as the socket takes it */
        FLOOD,
        /** answers DESCRIBE with 302 to another path of itself, then behaves */
        REDIRECT_ONCE,
        /** answers every DESCRIBE with 302 to itself */
        REDIRECT_LOOP,
        /** requires a GET_PARAMETER keep-alive within a 2 s session timeout, else closes */
        SHORT_SESSION_TIMEOUT,
        /** RTP over UDP to the client's port; counts the receiver reports that come back */
        UDP_STREAM
    }

    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=fake\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:track1\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=control:track2\r\n";

    private final Behaviour behaviour;
    private final ServerSocket server;
    private final Thread acceptor;
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger keepAlives = new AtomicInteger();
    public final AtomicInteger setups = new AtomicInteger();
    /** RTCP receiver reports (version 2, packet type 201) that arrived on interleaved channel 1. */
    public final AtomicInteger receiverReports = new AtomicInteger();
    private volatile boolean closed;

    public FakeCamera(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-camera-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "rtsp://127.0.0.1:" + server.getLocalPort() + "/stream";
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "fake-camera-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int seq = 0;
            while (!closed) {
                Map<String, String> req = readRequest(in);
                if (req == null) return;
                String method = req.get(":method");
                String cseq = req.getOrDefault("cseq", "0");
                switch (method) {
                    case "OPTIONS" -> send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n\r\n");
                    case "DESCRIBE" -> {
                        if (behaviour == Behaviour.MALFORMED_RESPONSE) {
                            send(out, "RTSP/1.0 two hundred\r\nCSeq: " + cseq + "\r\n\r\n");
                            continue;
                        }
                        if (behaviour == Behaviour.REDIRECT_LOOP
                                || (behaviour == Behaviour.REDIRECT_ONCE && !req.get(":uri").endsWith("/moved"))) {
                            send(out, "RTSP/1.0 302 Moved\r\nCSeq: " + cseq + "\r\nLocation: " + url() + "/moved\r\n\r\n");
                            continue;
                        }
                        byte[] body = SDP.getBytes(StandardCharsets.US_ASCII);
                        send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Base: " + req.get(":uri") + "/\r\n"
                                + "Content-Type: application/sdp\r\nContent-Length: " + body.length + "\r\n\r\n" + SDP);
                    }
                    case "SETUP" -> {
                        setups.incrementAndGet();
                        if (behaviour == Behaviour.UDP_STREAM) {
                            setupUdp(out, cseq, req.getOrDefault("transport", ""));
                            continue;
                        }
                        String timeout = behaviour == Behaviour.SHORT_SESSION_TIMEOUT ? "2" : "60";
                        send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 4711;timeout=" + timeout
                                + "\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
                    }
                    case "PLAY" -> {
                        send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 4711\r\n\r\n");
                        afterPlay(s, in, out);
                        return;
                    }
                    case "GET_PARAMETER" -> {
                        keepAlives.incrementAndGet();
                        send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 4711\r\n\r\n");
                    }
                    default -> send(out, "RTSP/1.0 501 Not Implemented\r\nCSeq: " + cseq + "\r\n\r\n");
                }
                seq++;
            }
        } catch (IOException e) {
            // the client went away: that is what several behaviours provoke
        }
    }

    private java.net.DatagramSocket udpRtp;
    private java.net.DatagramSocket udpRtcp;
    private int clientRtpPort;

    private void setupUdp(OutputStream out, String cseq, String transport) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("client_port=(\\d+)-(\\d+)").matcher(transport);
        if (!m.find()) {
            send(out, "RTSP/1.0 461 Unsupported Transport\r\nCSeq: " + cseq + "\r\n\r\n");
            return;
        }
        clientRtpPort = Integer.parseInt(m.group(1));
        udpRtp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        udpRtcp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread rr = new Thread(() -> {
            byte[] buf = new byte[1500];
            while (!closed) {
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
                try {
                    udpRtcp.receive(p);
                } catch (IOException e) {
                    return;
                }
                if (p.getLength() >= 8 && (buf[0] & 0xC0) == 0x80 && (buf[1] & 0xFF) == 201) receiverReports.incrementAndGet();
            }
        }, "fake-camera-rtcp");
        rr.setDaemon(true);
        rr.start();
        send(out, "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nSession: 4711;timeout=60\r\nTransport: RTP/AVP;unicast;client_port="
                + m.group(1) + "-" + m.group(2) + ";server_port=" + udpRtp.getLocalPort() + "-" + udpRtcp.getLocalPort() + "\r\n\r\n");
    }

    private void afterPlay(Socket s, InputStream in, OutputStream out) throws IOException {
        switch (behaviour) {
            case UDP_STREAM -> streamOverUdp(s, in, out);
            case DISCONNECT_EVERY_SECOND -> {
                long end = System.nanoTime() + 1_000_000_000L;
                int seq = 0;
                while (System.nanoTime() < end && !closed) {
                    writeFrame(out, SyntheticRtpSource.packet(seq++, 800));
                    pause(20);
                }
            }
            case STALL, SHORT_SESSION_TIMEOUT -> answerKeepAlives(s, in, out);
            case GARBAGE_AFTER_PLAY -> {
                byte[] junk = new byte[4096];
                new java.util.Random(42).nextBytes(junk);
                junk[0] = (byte) 0xC3; // not '$' and not a letter: unmistakably not RTSP
                out.write(junk);
                out.flush();
                drain(in);
            }
            case OVERSIZED_FRAME -> {
                out.write(new byte[] {'$', 0, (byte) 0xFF, (byte) 0xFF});
                out.write(new byte[1000]);
                out.flush();
                drain(in);
            }
            case FLOOD -> flood(out);
            default -> {
                int seq = 0;
                while (!closed) {
                    writeFrame(out, SyntheticRtpSource.packet(seq++, 800));
                    pause(20);
                }
            }
        }
    }

    /** RTP over UDP to the port the client set up, while the RTSP connection answers its requests. */
    private void streamOverUdp(Socket s, InputStream in, OutputStream out) throws IOException {
        InetAddress client = s.getInetAddress();
        Thread rtp = new Thread(() -> {
            int seq = 0;
            while (!closed && !s.isClosed()) {
                byte[] p = SyntheticRtpSource.packet(seq++, 800);
                try {
                    udpRtp.send(new java.net.DatagramPacket(p, p.length, client, clientRtpPort));
                } catch (IOException e) {
                    return;
                }
                pause(20);
            }
        }, "fake-camera-udp");
        rtp.setDaemon(true);
        rtp.start();
        while (!closed) {
            Map<String, String> req = readRequest(in);
            if (req == null) break;
            send(out, "RTSP/1.0 200 OK\r\nCSeq: " + req.getOrDefault("cseq", "0") + "\r\nSession: 4711\r\n\r\n");
        }
        udpRtp.close();
        udpRtcp.close();
    }

    /**
     * Keeps answering requests (keep-alives) but sends no RTP for STALL; for the short
     * timeout sends RTP and expects GET_PARAMETER within 2 s, else drops the client.
     */
    private void answerKeepAlives(Socket s, InputStream in, OutputStream out) throws IOException {
        if (behaviour == Behaviour.SHORT_SESSION_TIMEOUT) {
            Thread rtp = new Thread(() -> {
                int seq = 0;
                try {
                    while (!closed && !s.isClosed()) {
                        synchronized (out) {
                            writeFrame(out, SyntheticRtpSource.packet(seq++, 500));
                        }
                        pause(20);
                    }
                } catch (IOException ignored) {
                    // client gone
                }
            });
            rtp.setDaemon(true);
            rtp.start();
            s.setSoTimeout(3000);
        }
        while (!closed) {
            Map<String, String> req;
            try {
                req = readRequest(in);
            } catch (java.net.SocketTimeoutException e) {
                return; // session timed out: no keep-alive arrived
            }
            if (req == null) return;
            if (req.get(":method").equals("GET_PARAMETER") || req.get(":method").equals("OPTIONS")) keepAlives.incrementAndGet();
            synchronized (out) {
                send(out, "RTSP/1.0 200 OK\r\nCSeq: " + req.getOrDefault("cseq", "0") + "\r\nSession: 4711\r\n\r\n");
            }
        }
    }

    /** Interleaved RTP as fast as the socket takes it, 64 packets per write. */
    private void flood(OutputStream out) throws IOException {
        int seq = 0;
        byte[] chunk = new byte[64 * 1400];
        while (!closed) {
            int off = 0;
            for (int i = 0; i < 64; i++) {
                byte[] p = SyntheticRtpSource.packet(seq++, 1396);
                chunk[off] = '$';
                chunk[off + 1] = 0;
                chunk[off + 2] = (byte) (p.length >> 8);
                chunk[off + 3] = (byte) p.length;
                System.arraycopy(p, 0, chunk, off + 4, p.length);
                off += 1400;
            }
            out.write(chunk);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        while (in.read(buf) >= 0) {
            // wait for the client to hang up
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms); // pacing the fake camera's output, not test synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeFrame(OutputStream out, byte[] p) throws IOException {
        byte[] f = new byte[4 + p.length];
        f[0] = '$';
        f[1] = 0;
        f[2] = (byte) (p.length >> 8);
        f[3] = (byte) p.length;
        System.arraycopy(p, 0, f, 4, p.length);
        out.write(f);
        out.flush();
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one request (skipping interleaved RTCP frames); null at end of stream. */
    private Map<String, String> readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        Map<String, String> headers = new HashMap<>();
        boolean first = true;
        while (true) {
            int c = in.read();
            if (c < 0) return null;
            if (first && line.size() == 0 && c == '$') {
                int channel = in.read();
                int len = (in.read() << 8) | in.read();
                byte[] frame = in.readNBytes(len);
                if (channel == 1 && frame.length >= 8 && (frame[0] & 0xC0) == 0x80 && (frame[1] & 0xFF) == 201) {
                    receiverReports.incrementAndGet();
                }
                continue;
            }
            if (c == '\n') {
                String l = line.toString(StandardCharsets.US_ASCII).trim();
                line.reset();
                if (l.isEmpty()) {
                    if (first) continue;
                    int len = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                    in.readNBytes(len);
                    return headers;
                }
                if (first) {
                    String[] parts = l.split(" ");
                    headers.put(":method", parts[0]);
                    headers.put(":uri", parts.length > 1 ? parts[1] : "");
                    first = false;
                } else {
                    int colon = l.indexOf(':');
                    if (colon > 0) headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
                }
            } else {
                line.write(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            server.close();
        } catch (SocketException ignored) {
            // already closed
        }
    }
}

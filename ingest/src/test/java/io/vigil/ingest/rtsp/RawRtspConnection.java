package io.vigil.ingest.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A byte-level RTSP peer for bad-input tests: writes anything, reads responses. */
public final class RawRtspConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawRtspConnection(int port) throws IOException {
        this(port, "127.0.0.1");
    }

    /** From another loopback address (127.0.0.2, ...): another client address on the same machine. */
    public RawRtspConnection(int port, String localAddress) throws IOException {
        socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port, java.net.InetAddress.getByName(localAddress), 0);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public RawRtspConnection write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawRtspConnection write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    public RawRtspConnection frame(int channel, byte[] payload) throws IOException {
        byte[] f = new byte[4 + payload.length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (payload.length >> 8);
        f[3] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 4, payload.length);
        return write(f);
    }

    /** Reads one response head plus body; returns the whole text. */
    public String readResponse() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int contentLength = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed after: " + b.toString(StandardCharsets.ISO_8859_1));
            b.write(c);
            if (c == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.toLowerCase().startsWith("content-length:")) contentLength = Integer.parseInt(l.substring(15).trim());
                if (l.isEmpty()) break;
            } else {
                line.append((char) c);
            }
        }
        b.write(in.readNBytes(contentLength));
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the peer closes the connection (EOF) before the socket timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            byte[] buf = new byte[4096];
            while (true) {
                int n = in.read(buf);
                if (n < 0) return true;
            }
        } catch (java.net.SocketException e) {
            return true; // reset by peer
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

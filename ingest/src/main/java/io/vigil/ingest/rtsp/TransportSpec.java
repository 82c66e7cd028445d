package io.vigil.ingest.rtsp;

import java.util.Locale;

/**
 * The parts of an RTSP Transport header (RFC 2326 §12.39) that matter here: TCP
 * interleaved channels or UDP client/server port pairs, and the mode.
 */
public record TransportSpec(boolean tcp, int interleavedRtp, int interleavedRtcp,
                            int clientRtpPort, int clientRtcpPort, int serverRtpPort, int serverRtcpPort,
                            String mode, String raw) {

    /** Parses the first transport spec of a header that carries RTP/AVP (over TCP or UDP). */
    public static TransportSpec parse(String header) throws RtspProtocolException {
        if (header == null || header.isBlank()) throw new RtspProtocolException("Transport header is missing");
        if (header.length() > 1024) throw new RtspProtocolException("Transport header is too long");
        for (String spec : header.split(",")) {
            String[] parts = spec.trim().split(";");
            String proto = parts[0].trim().toUpperCase(Locale.ROOT);
            if (!proto.startsWith("RTP/AVP")) continue;
            boolean tcp = proto.equals("RTP/AVP/TCP");
            if (!tcp && !proto.equals("RTP/AVP") && !proto.equals("RTP/AVP/UDP")) continue;
            int[] inter = {-1, -1};
            int[] client = {-1, -1};
            int[] server = {-1, -1};
            String mode = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : p.substring(eq + 1).trim();
                switch (name) {
                    case "interleaved" -> inter = range(value, 255, "interleaved");
                    case "client_port" -> client = range(value, 65535, "client_port");
                    case "server_port" -> server = range(value, 65535, "server_port");
                    case "mode" -> mode = value.replace("\"", "").toLowerCase(Locale.ROOT);
                    default -> {
                    }
                }
            }
            return new TransportSpec(tcp, inter[0], inter[1], client[0], client[1], server[0], server[1], mode, spec.trim());
        }
        throw new RtspProtocolException("no RTP/AVP transport in \"" + excerpt(header) + "\"");
    }

    private static int[] range(String value, int max, String what) throws RtspProtocolException {
        String[] ab = value.split("-", -1);
        if (ab.length > 2) throw new RtspProtocolException(what + " \"" + excerpt(value) + "\" is not N or N-M");
        int a = number(ab[0], max, what);
        int b = ab.length == 2 ? number(ab[1], max, what) : Math.min(a + 1, max);
        return new int[] {a, b};
    }

    private static int number(String s, int max, String what) throws RtspProtocolException {
        String t = s.trim();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            throw new RtspProtocolException(what + " \"" + excerpt(s) + "\" is not a number");
        }
        int v = Integer.parseInt(t);
        if (v > max) throw new RtspProtocolException(what + " " + v + " is larger than " + max);
        return v;
    }

    static String excerpt(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}

package io.vigil.ingest.rtsp.sdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the SDP that cameras return to DESCRIBE and that publishers send with ANNOUNCE.
 * Tolerant where real devices differ (LF or CRLF, unknown line types and attributes are
 * kept or ignored), strict where a mistake would make us record the wrong thing (m=,
 * rtpmap and fmtp must be well formed). Nothing but {@link SdpParseException} leaves it.
 */
public final class SdpParser {
    /** Larger SDPs are not produced by cameras; refusing them bounds memory per session. */
    public static final int MAX_LENGTH = 64 * 1024;
    private static final int MAX_MEDIA = 64;

    private SdpParser() {}

    public static SessionDescription parse(String text) throws SdpParseException {
        if (text == null || text.isBlank()) throw new SdpParseException(0, "empty document");
        if (text.length() > MAX_LENGTH) throw new SdpParseException(0, "document longer than " + MAX_LENGTH + " characters");
        String[] lines = text.split("\r\n|\n|\r", -1);
        Map<String, String> sessionAttributes = new LinkedHashMap<>();
        String sessionControl = null;
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean sawVersion = false;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank()) continue;
            if (line.length() < 2 || line.charAt(1) != '=' || !isLetter(line.charAt(0))) {
                throw new SdpParseException(lineNo, "expected '<letter>=<value>' but found \"" + excerpt(line) + "\"");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            switch (type) {
                case 'v' -> {
                    if (!value.trim().equals("0")) throw new SdpParseException(lineNo, "unsupported SDP version \"" + excerpt(value) + "\"");
                    sawVersion = true;
                }
                case 'm' -> {
                    if (media.size() + (current == null ? 0 : 1) >= MAX_MEDIA) {
                        throw new SdpParseException(lineNo, "more than " + MAX_MEDIA + " media sections");
                    }
                    if (current != null) media.add(current.build());
                    current = parseMediaLine(lineNo, value);
                }
                case 'a' -> {
                    int colon = value.indexOf(':');
                    String name = (colon < 0 ? value : value.substring(0, colon)).trim();
                    String attrValue = colon < 0 ? "" : value.substring(colon + 1).trim();
                    if (name.isEmpty()) throw new SdpParseException(lineNo, "attribute without a name");
                    if (current == null) {
                        sessionAttributes.putIfAbsent(name, attrValue);
                        if (name.equals("control") && sessionControl == null) sessionControl = attrValue;
                    } else {
                        current.attribute(lineNo, name, attrValue);
                    }
                }
                default -> {
                    // o=, s=, c=, t=, b=, i= and others carry nothing a recorder needs.
                }
            }
        }
        if (!sawVersion) throw new SdpParseException(0, "no v= line: this is not an SDP document");
        if (current != null) media.add(current.build());
        return new SessionDescription(sessionControl, sessionAttributes, media);
    }

    private static MediaBuilder parseMediaLine(int lineNo, String value) throws SdpParseException {
        String[] parts = value.trim().split("\\s+");
        if (parts.length < 4) {
            throw new SdpParseException(lineNo, "m= line needs '<media> <port> <proto> <format>...' but found \"" + excerpt(value) + "\"");
        }
        String portText = parts[1];
        int slash = portText.indexOf('/');
        if (slash >= 0) portText = portText.substring(0, slash);
        int port = parseInt(lineNo, portText, 0, 65535, "port");
        List<Integer> formats = new ArrayList<>();
        boolean rtp = parts[2].toUpperCase(Locale.ROOT).contains("RTP");
        for (int i = 3; i < parts.length; i++) {
            if (rtp) {
                formats.add(parseInt(lineNo, parts[i], 0, 127, "payload type"));
            }
        }
        return new MediaBuilder(parts[0].toLowerCase(Locale.ROOT), port, parts[2], formats);
    }

    static int parseInt(int lineNo, String text, int min, int max, String what) throws SdpParseException {
        if (text.isEmpty() || text.length() > 10) throw new SdpParseException(lineNo, what + " \"" + excerpt(text) + "\" is not a number");
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new SdpParseException(lineNo, what + " \"" + excerpt(text) + "\" is not a number");
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) throw new SdpParseException(lineNo, what + " " + v + " is outside " + min + ".." + max);
        return (int) v;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Bounded, printable excerpt so a hostile SDP cannot flood the log. */
    static String excerpt(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private static final class MediaBuilder {
        final String media;
        final int port;
        final String protocol;
        final List<Integer> formats;
        final Map<Integer, MediaDescription.RtpMap> rtpmaps = new LinkedHashMap<>();
        final Map<Integer, Map<String, String>> fmtps = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        String control;

        MediaBuilder(String media, int port, String protocol, List<Integer> formats) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        void attribute(int lineNo, String name, String value) throws SdpParseException {
            attributes.putIfAbsent(name, value);
            switch (name.toLowerCase(Locale.ROOT)) {
                case "control" -> {
                    if (control == null) control = value;
                }
                case "rtpmap" -> {
                    MediaDescription.RtpMap map = parseRtpMap(lineNo, value);
                    rtpmaps.putIfAbsent(map.payloadType(), map);
                }
                case "fmtp" -> {
                    int space = indexOfWhitespace(value);
                    if (space < 0) throw new SdpParseException(lineNo, "a=fmtp needs '<payload type> <parameters>'");
                    int pt = parseInt(lineNo, value.substring(0, space), 0, 127, "fmtp payload type");
                    fmtps.putIfAbsent(pt, parseFmtp(lineNo, value.substring(space + 1)));
                }
                default -> {
                }
            }
        }

        MediaDescription build() {
            return new MediaDescription(media, port, protocol, formats, rtpmaps, fmtps, control, attributes);
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        return -1;
    }

    private static MediaDescription.RtpMap parseRtpMap(int lineNo, String value) throws SdpParseException {
        int space = indexOfWhitespace(value);
        if (space < 0) throw new SdpParseException(lineNo, "a=rtpmap needs '<payload type> <encoding>/<clock rate>'");
        int pt = parseInt(lineNo, value.substring(0, space), 0, 127, "rtpmap payload type");
        String[] enc = value.substring(space + 1).trim().split("/");
        if (enc.length < 2 || enc[0].isEmpty()) {
            throw new SdpParseException(lineNo, "a=rtpmap needs '<encoding>/<clock rate>' but found \"" + excerpt(value) + "\"");
        }
        int clock = parseInt(lineNo, enc[1].trim(), 1, 10_000_000, "rtpmap clock rate");
        return new MediaDescription.RtpMap(pt, enc[0].trim().toUpperCase(Locale.ROOT), clock);
    }

    /** "packetization-mode=1; sprop-parameter-sets=Z0IA,aM4=" to a map; keys lower-cased. */
    static Map<String, String> parseFmtp(int lineNo, String parameters) throws SdpParseException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) throw new SdpParseException(lineNo, "a=fmtp parameter without a name in \"" + excerpt(p) + "\"");
            // Values keep their case: base64 parameter sets are case-sensitive.
            out.putIfAbsent(key, eq < 0 ? "" : p.substring(eq + 1).trim());
        }
        return out;
    }
}

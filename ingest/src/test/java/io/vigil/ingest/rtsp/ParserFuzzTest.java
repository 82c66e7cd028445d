package io.vigil.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.util.ReferenceCountUtil;
import io.vigil.ingest.rtsp.auth.AuthHeader;
import io.vigil.ingest.rtsp.auth.AuthHeaderException;
import io.vigil.ingest.rtsp.auth.ClientAuthenticator;
import io.vigil.ingest.rtsp.auth.ServerAuthenticator;
import io.vigil.ingest.rtsp.codec.FrameLimits;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.codec.RtspFrameDecoder;
import io.vigil.ingest.rtsp.codec.RtspFrameException;
import io.vigil.ingest.rtsp.codec.RtspFramer;
import io.vigil.ingest.rtsp.sdp.SdpParseException;
import io.vigil.ingest.rtsp.sdp.SdpParser;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based fuzzing of every parser that reads peer input on the protocol side:
 * random and mutated input may only ever produce the parser's own declared exception.
 * 2000 tries each keeps the whole class within a few seconds.
 */
class ParserFuzzTest {
    private static final List<String> SDPS = List.of(
            "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\na=tool:libavformat\r\n"
                    + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z2QAH6zZQFAFuwEQAAADABAAAAMDIPGDGWA=,aOvjyyLA; profile-level-id=64001F\r\n"
                    + "a=control:streamid=0\r\nm=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/44100/2\r\na=control:streamid=1\r\n",
            "v=0\na=control:rtsp://192.168.1.64:554/Streaming/Channels/101/\nm=video 0 RTP/AVP 96\na=rtpmap:96 H265/90000\n"
                    + "a=fmtp:96 sprop-vps=QAEMAf//; sprop-sps=QgEBAWAA; sprop-pps=RAHBcrRiQA==\na=control:trackID=1\n");

    private static final List<String> RTSP_STREAMS = List.of(
            "OPTIONS rtsp://127.0.0.1:8554/cam1 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Lavf59\r\n\r\n",
            "ANNOUNCE rtsp://127.0.0.1:8554/cam1 RTSP/1.0\r\nContent-Type: application/sdp\r\nCSeq: 2\r\nContent-Length: 40\r\n\r\n"
                    + "v=0\r\nm=video 0 RTP/AVP 96\r\na=control:x\r\n",
            "RTSP/1.0 200 OK\r\nCSeq: 3\r\nSession: 12345678;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n"
                    + "$\u0000\u0000\u000c\u0080\u0060\u0000\u0001\u0000\u0000\u0000\u0000\u0012\u0034\u0056\u0078"
                    + "$\u0001\u0000\u0004\u0080\u00c8\u0000\u0006");

    private static final List<String> AUTH_HEADERS = List.of(
            "Digest realm=\"IP Camera(C8128)\", nonce=\"a2f1b5e8c0b4e9f1\", stale=\"FALSE\", qop=\"auth\", algorithm=MD5, opaque=\"5ccc\"",
            "Digest username=\"pub\", realm=\"vigil\", nonce=\"0123\", uri=\"rtsp://127.0.0.1:8554/cam1\", response=\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\", qop=auth, nc=00000001, cnonce=\"abc\"",
            "Basic realm=\"camera\"",
            "Basic cHViOnB3");

    // ------------------------------------------------------------------ SDP

    @Property(tries = 2000)
    void sdpParserOnlyThrowsSdpParseException(@ForAll("sdpInputs") String input) {
        try {
            SessionDescription sdp = SdpParser.parse(input);
            SdpTracks.firstVideoTrack(sdp, "rtsp://127.0.0.1/cam");
            SdpTracks.summary(sdp);
        } catch (SdpParseException expected) {
            assertTrue(expected.getMessage().startsWith("SDP"), expected.getMessage());
        }
    }

    @Provide
    Arbitrary<String> sdpInputs() {
        return Arbitraries.oneOf(mutated(SDPS), Arbitraries.strings().ofMaxLength(400),
                Arbitraries.strings().withChars("v=0marc:/ \r\n96H264;,").ofMaxLength(300));
    }

    // ------------------------------------------------------------------ framer and RTSP decoder

    @Property(tries = 2000)
    void framerOnlyThrowsRtspFrameException(@ForAll("rtspBytes") byte[] input) {
        RtspFramer framer = new RtspFramer(new FrameLimits(2048, 512, 1024));
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            Object unit;
            int before = in.readableBytes();
            while ((unit = framer.next(in)) != null) {
                assertTrue(in.readableBytes() < before, "every unit consumes input");
                before = in.readableBytes();
                if (unit instanceof InterleavedFrame f) {
                    assertTrue(f.payload().length <= 2048);
                } else {
                    ByteBuf message = (ByteBuf) unit;
                    assertTrue(message.readableBytes() <= 512 + 1024 + 4);
                    message.release();
                }
            }
        } catch (RtspFrameException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        } finally {
            in.release();
        }
    }

    /** The whole inbound pipeline, fed in random chunks: only framing errors surface, as DecoderException. */
    @Property(tries = 1000)
    void inboundPipelineOnlyFailsWithFramingErrors(@ForAll("rtspBytes") byte[] input, @ForAll("chunkSizes") int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFrameDecoder(new FrameLimits(2048, 512, 1024)),
                new RtspDecoder(4096, 512, 1024), new HttpObjectAggregator(1024));
        try {
            for (int off = 0; off < input.length; off += chunk) {
                int n = Math.min(chunk, input.length - off);
                ch.writeInbound(Unpooled.copiedBuffer(input, off, n));
            }
        } catch (DecoderException e) {
            assertTrue(e.getCause() instanceof RtspFrameException, "unexpected " + e);
        } finally {
            Object m;
            while ((m = ch.readInbound()) != null) ReferenceCountUtil.release(m);
            ch.finishAndReleaseAll();
        }
    }

    @Provide
    Arbitrary<Integer> chunkSizes() {
        return Arbitraries.integers().between(1, 300);
    }

    @Provide
    Arbitrary<byte[]> rtspBytes() {
        Arbitrary<byte[]> mutatedText = mutated(RTSP_STREAMS).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500);
        Arbitrary<byte[]> frames = Arbitraries.bytes().array(byte[].class).ofMaxSize(600).map(b -> {
            byte[] f = new byte[b.length + 4];
            f[0] = '$';
            f[2] = (byte) (b.length >> 8);
            f[3] = (byte) b.length;
            System.arraycopy(b, 0, f, 4, b.length);
            return f;
        });
        return Arbitraries.oneOf(mutatedText, random, frames);
    }

    // ------------------------------------------------------------------ authentication headers

    @Property(tries = 2000)
    void authHeaderParserOnlyThrowsAuthHeaderException(@ForAll("authInputs") String input) {
        try {
            AuthHeader h = AuthHeader.parse(input);
            assertTrue(h.scheme() != null && !h.scheme().isEmpty());
        } catch (AuthHeaderException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }

    @Property(tries = 2000)
    void clientAuthenticatorNeverThrowsOtherExceptions(@ForAll("authInputs") String challenge) {
        ClientAuthenticator c = new ClientAuthenticator("admin", "pw".toCharArray());
        try {
            if (c.accept(List.of(challenge))) {
                assertTrue(c.authorization("DESCRIBE", "rtsp://cam/x") != null);
            }
        } catch (AuthHeaderException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }

    @Property(tries = 2000)
    void serverAuthenticatorRefusesGarbageWithoutThrowing(@ForAll("authInputs") String authorization) {
        ServerAuthenticator s = new ServerAuthenticator(true);
        ServerAuthenticator.Result r = s.verify(authorization, "ANNOUNCE", "rtsp://127.0.0.1:8554/cam1", "pw".toCharArray());
        // auth schemes are case-insensitive (RFC 7235 section 2.1) and a header value's
        // surrounding whitespace is not part of it: " basic ..." is Basic
        assertTrue(!r.ok() || authorization.strip().toLowerCase(java.util.Locale.ROOT).startsWith("basic"),
                "only a correct Basic password could pass: " + authorization);
    }

    @Property(tries = 1000)
    void transportParserOnlyThrowsProtocolException(@ForAll("transportInputs") String header) {
        try {
            TransportSpec.parse(header);
        } catch (RtspProtocolException expected) {
            assertTrue(!expected.getMessage().isEmpty());
        }
    }

    @Provide
    Arbitrary<String> authInputs() {
        return Arbitraries.oneOf(mutated(AUTH_HEADERS), Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("Digest realm=\"\\,; nonce qop").ofMaxLength(120));
    }

    @Provide
    Arbitrary<String> transportInputs() {
        return Arbitraries.oneOf(mutated(List.of("RTP/AVP/TCP;unicast;interleaved=0-1;mode=record",
                        "RTP/AVP;unicast;client_port=5000-5001;server_port=6000-6001")),
                Arbitraries.strings().ofMaxLength(150));
    }

    // ------------------------------------------------------------------ mutation

    /** A valid sample with 1..8 random edits (replace, insert, delete, duplicate a slice). */
    private static Arbitrary<String> mutated(List<String> samples) {
        return Combinators.combine(Arbitraries.of(samples), Arbitraries.longs(), Arbitraries.integers().between(1, 8))
                .as((sample, seed, edits) -> mutate(sample, new Random(seed), edits));
    }

    static String mutate(String s, Random r, int edits) {
        StringBuilder b = new StringBuilder(s);
        for (int i = 0; i < edits; i++) {
            int pos = b.length() == 0 ? 0 : r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> { if (b.length() > 0) b.setCharAt(pos, (char) r.nextInt(256)); }
                case 1 -> b.insert(pos, (char) r.nextInt(256));
                case 2 -> { if (b.length() > 0) b.deleteCharAt(pos); }
                case 3 -> {
                    int end = Math.min(b.length(), pos + r.nextInt(40));
                    b.insert(pos, b.substring(pos, end));
                }
                default -> b.insert(pos, List.of("\r\n", "=", ":", ";", "\"", "$", "\u0000", "9999999999", "-", ",").get(r.nextInt(10)));
            }
        }
        return b.toString();
    }
}

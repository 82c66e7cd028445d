package io.vigil.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Splits the bytes of an RTSP connection into interleaved binary frames and complete
 * RTSP text messages (start line + headers + Content-Length body). Pure function over a
 * buffer so it can be fuzzed without a channel; {@link RtspFrameDecoder} wraps it.
 *
 * <p>Why a framer in front of Netty's {@code RtspDecoder}: the HTTP-style decoder does not
 * know '$' frames, so it must only ever see whole RTSP messages.
 */
public final class RtspFramer {
    private static final int DOLLAR = '$';

    private final FrameLimits limits;

    public RtspFramer(FrameLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes the next unit from {@code in}: an {@link InterleavedFrame}, or a {@link ByteBuf}
     * holding exactly one RTSP message (caller releases it), or null when more bytes are
     * needed (nothing consumed). Stray CR/LF between messages are skipped.
     */
    public Object next(ByteBuf in) throws RtspFrameException {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '\r' || b == '\n') {
                in.skipBytes(1);
            } else {
                break;
            }
        }
        if (!in.isReadable()) return null;
        int start = in.readerIndex();
        int first = in.getUnsignedByte(start);
        if (first == DOLLAR) return nextInterleaved(in, start);
        if (!isTokenStart(first)) {
            throw new RtspFrameException(String.format("unexpected byte 0x%02x where an RTSP message or '$' frame should start", first));
        }
        return nextMessage(in, start);
    }

    private Object nextInterleaved(ByteBuf in, int start) throws RtspFrameException {
        if (in.readableBytes() < 4) return null;
        int channel = in.getUnsignedByte(start + 1);
        int length = in.getUnsignedShort(start + 2);
        if (length > limits.maxInterleavedFrame()) {
            throw new RtspFrameException("interleaved frame of " + length + " bytes on channel " + channel
                    + " exceeds the limit of " + limits.maxInterleavedFrame() + " bytes");
        }
        if (in.readableBytes() < 4 + length) return null;
        byte[] payload = new byte[length];
        in.getBytes(start + 4, payload);
        in.skipBytes(4 + length);
        return new InterleavedFrame(channel, payload);
    }

    private Object nextMessage(ByteBuf in, int start) throws RtspFrameException {
        int end = in.writerIndex();
        int scanEnd = Math.min(end, start + limits.maxHeaderBytes());
        int headerEnd = -1;
        for (int i = start; i < scanEnd; i++) {
            byte c = in.getByte(i);
            if (c == '\n') {
                if (i + 1 < end && in.getByte(i + 1) == '\n') {
                    headerEnd = i + 2;
                    break;
                }
                if (i + 2 < end && in.getByte(i + 1) == '\r' && in.getByte(i + 2) == '\n') {
                    headerEnd = i + 3;
                    break;
                }
            } else if (c == 0) {
                throw new RtspFrameException("NUL byte inside an RTSP header");
            }
        }
        if (headerEnd < 0) {
            if (end - start >= limits.maxHeaderBytes()) {
                throw new RtspFrameException("RTSP header longer than " + limits.maxHeaderBytes() + " bytes");
            }
            return null;
        }
        long contentLength = contentLength(in, start, headerEnd);
        if (contentLength > limits.maxBodyBytes()) {
            throw new RtspFrameException("RTSP body of " + contentLength + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes");
        }
        int total = (headerEnd - start) + (int) contentLength;
        if (in.readableBytes() < total) return null;
        return in.readRetainedSlice(total);
    }

    /** Content-Length of the header block [start, headerEnd), 0 when absent. */
    private static long contentLength(ByteBuf in, int start, int headerEnd) throws RtspFrameException {
        int lineStart = start;
        long found = -1;
        for (int i = start; i < headerEnd; i++) {
            if (in.getByte(i) != '\n') continue;
            int lineEnd = i > lineStart && in.getByte(i - 1) == '\r' ? i - 1 : i;
            if (lineEnd - lineStart > 15 && startsWithIgnoreCase(in, lineStart, "content-length:")) {
                long v = parseLength(in, lineStart + 15, lineEnd);
                if (found >= 0 && found != v) throw new RtspFrameException("conflicting Content-Length headers");
                found = v;
            }
            lineStart = i + 1;
        }
        return Math.max(found, 0);
    }

    private static long parseLength(ByteBuf in, int from, int to) throws RtspFrameException {
        long v = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            byte c = in.getByte(i);
            if (c == ' ' || c == '\t') {
                if (digits > 0) {
                    // trailing whitespace only
                    for (int j = i; j < to; j++) {
                        byte t = in.getByte(j);
                        if (t != ' ' && t != '\t') throw new RtspFrameException("Content-Length is not a number");
                    }
                    break;
                }
                continue;
            }
            if (c < '0' || c > '9') throw new RtspFrameException("Content-Length is not a number");
            if (++digits > 9) throw new RtspFrameException("Content-Length is too large");
            v = v * 10 + (c - '0');
        }
        if (digits == 0) throw new RtspFrameException("Content-Length is empty");
        return v;
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int at, String prefix) {
        for (int k = 0; k < prefix.length(); k++) {
            int c = in.getByte(at + k) & 0xFF;
            if (Character.toLowerCase(c) != prefix.charAt(k)) return false;
        }
        return true;
    }

    /** RTSP messages start with a method name or "RTSP/": an ASCII letter. */
    private static boolean isTokenStart(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}

package io.vigil.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.util.List;

/**
 * First inbound handler on every RTSP connection: passes interleaved frames on as
 * {@link InterleavedFrame} and whole RTSP messages as ByteBufs to Netty's RtspDecoder.
 * On a framing error it raises a {@link DecoderException} wrapping the
 * {@link RtspFrameException}; the connection handler answers 400 (server) or fails the
 * session (client) and closes.
 */
public final class RtspFrameDecoder extends ByteToMessageDecoder {
    private final RtspFramer framer;
    private boolean failed;

    public RtspFrameDecoder(FrameLimits limits) {
        this.framer = new RtspFramer(limits);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Object unit;
            while ((unit = framer.next(in)) != null) {
                out.add(unit);
            }
        } catch (RtspFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw new DecoderException(e);
        }
    }
}

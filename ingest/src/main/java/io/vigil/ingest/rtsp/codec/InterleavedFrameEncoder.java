package io.vigil.ingest.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link InterleavedFrame}s as '$', channel, length, payload. */
public final class InterleavedFrameEncoder extends MessageToByteEncoder<InterleavedFrame> {
    @Override
    protected void encode(ChannelHandlerContext ctx, InterleavedFrame frame, ByteBuf out) {
        out.writeByte('$');
        out.writeByte(frame.channel());
        out.writeShort(frame.payload().length);
        out.writeBytes(frame.payload());
    }
}

package io.vigil.ingest.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspVersions;

import java.nio.charset.StandardCharsets;

/** Builds RTSP responses with the headers every response needs. */
public final class RtspMessages {
    public static final String SERVER = "Vigil";

    private RtspMessages() {}

    public static FullHttpResponse response(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
        if (cseq != null) r.headers().set(RtspHeaders.CSEQ, cseq);
        r.headers().set(RtspHeaders.SERVER, SERVER);
        r.headers().setInt(RtspHeaders.CONTENT_LENGTH, 0);
        return r;
    }

    public static FullHttpResponse response(HttpResponseStatus status, String cseq, String contentType, String body) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, content);
        if (cseq != null) r.headers().set(RtspHeaders.CSEQ, cseq);
        r.headers().set(RtspHeaders.SERVER, SERVER);
        r.headers().set(RtspHeaders.CONTENT_TYPE, contentType);
        r.headers().setInt(RtspHeaders.CONTENT_LENGTH, content.readableBytes());
        return r;
    }
}

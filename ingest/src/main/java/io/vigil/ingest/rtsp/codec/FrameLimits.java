package io.vigil.ingest.rtsp.codec;

/**
 * Upper bounds on what one peer may make us buffer; they keep a hostile or broken peer
 * from using more than a few hundred KiB per connection.
 *
 * @param maxInterleavedFrame largest '$' frame payload accepted (≤ 65535)
 * @param maxHeaderBytes      largest RTSP start line plus headers
 * @param maxBodyBytes        largest RTSP body (SDP)
 */
public record FrameLimits(int maxInterleavedFrame, int maxHeaderBytes, int maxBodyBytes) {
    public static final FrameLimits DEFAULT = new FrameLimits(65535, 16 * 1024, 64 * 1024);

    public FrameLimits {
        if (maxInterleavedFrame < 1 || maxInterleavedFrame > 65535) throw new IllegalArgumentException("maxInterleavedFrame must be 1..65535");
        if (maxHeaderBytes < 64) throw new IllegalArgumentException("maxHeaderBytes must be at least 64");
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must not be negative");
    }
}

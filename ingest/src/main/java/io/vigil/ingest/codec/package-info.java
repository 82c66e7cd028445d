/**
 * Data path stage: in-order RTP payloads → access units (pictures), and what the next
 * stage needs to describe them. Depacketizers for H.264 (RFC 6184) and H.265 (RFC 7798),
 * NAL unit types and keyframes ({@link io.vigil.ingest.codec.VideoCodec}), parameter sets
 * from the SDP and in-band ({@link io.vigil.ingest.codec.CodecConfig}), SPS parsing, H.264
 * recovery points. Previous stage: {@link io.vigil.ingest.rtp}; next: {@link io.vigil.ingest.fmp4}.
 */
package io.vigil.ingest.codec;

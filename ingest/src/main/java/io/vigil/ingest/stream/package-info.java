/**
 * The seam between the protocol side of ingest ({@code io.vigil.ingest.rtsp}: RTSP
 * client and server, SDP, transports, reconnects) and the media side
 * ({@code io.vigil.ingest.recording} and the stages it runs: rtp, codec, fmp4). The protocol side
 * delivers the SDP video track and raw RTP packets; it never looks inside the payload.
 */
package io.vigil.ingest.stream;

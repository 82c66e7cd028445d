/**
 * RTSP, the protocol side (before the media side): shared pieces of the client and the
 * server (headers, paths, transports, read pacing, inbound budgets). Sub-packages:
 * codec (RTSP message and interleaved-frame framing), sdp, auth (Basic and Digest),
 * client (pull a camera), server (cameras push to Vigil; the simulator plays from it).
 * Delivers the video track and raw RTP to {@link io.vigil.ingest.stream}; never looks
 * inside the payload.
 */
package io.vigil.ingest.rtsp;

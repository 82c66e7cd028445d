/**
 * Simulated cameras for {@code vigil camera-sim}, the demo and the benchmarks: synthetic
 * H.264 (libopenh264) or a replayed encoded loop, packetized as RTP and served by the
 * RTSP server's play sessions. Not on the recording path.
 */
package io.vigil.ingest.sim;

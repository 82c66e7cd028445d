/**
 * Data path stage camera → RTSP for PULL cameras: one session to a camera (OPTIONS,
 * DESCRIBE, SETUP, PLAY over TCP or UDP, keep-alives), delivering the video track and RTP
 * to a {@link io.vigil.ingest.stream.StreamListener}. Reconnecting is the supervisor's
 * job, not the session's.
 */
package io.vigil.ingest.rtsp.client;

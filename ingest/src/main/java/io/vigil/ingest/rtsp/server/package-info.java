/**
 * Data path stage camera → RTSP for PUSH cameras: Vigil's RTSP server. A connection
 * starts in {@code RtspConnectionHandler} and, once the client's intent is known, becomes a
 * publish session (ANNOUNCE/SETUP/RECORD: a camera pushing, delivered to a
 * {@link io.vigil.ingest.stream.StreamListener}) or a play session (DESCRIBE/SETUP/PLAY:
 * a viewer of an {@link io.vigil.ingest.stream.RtpSource}, used by the simulator).
 */
package io.vigil.ingest.rtsp.server;

/**
 * Netty framing of an RTSP connection: RTSP messages and RFC 2326 interleaved binary
 * frames ($, channel, length) on one TCP stream, with size limits. Used by the client and
 * the server (camera → RTSP).
 */
package io.vigil.ingest.rtsp.codec;

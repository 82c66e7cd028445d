/**
 * RTSP authentication for both sides: parsing WWW-Authenticate/Authorization, the
 * client answering a camera's challenge, the server checking a pushing camera's
 * credentials. Part of the RTSP stage (camera → RTSP).
 */
package io.vigil.ingest.rtsp.auth;

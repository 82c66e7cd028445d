/**
 * SDP (RFC 4566) as the RTSP sides need it: parsing a camera's or a publisher's
 * description into the video track (encoding, payload type, control URL, fmtp), and
 * writing one for the simulator's DESCRIBE.
 */
package io.vigil.ingest.rtsp.sdp;

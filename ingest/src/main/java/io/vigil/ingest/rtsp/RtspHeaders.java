package io.vigil.ingest.rtsp;

/**
 * RTSP header names as RFC 2326 spells them. Netty's {@code RtspHeaderNames} are lower
 * case; names are case-insensitive by the standard, but some cameras and old clients
 * compare "CSeq" literally, so Vigil writes the canonical spelling (reads ignore case).
 */
public final class RtspHeaders {
    public static final String ACCEPT = "Accept";
    public static final String AUTHORIZATION = "Authorization";
    public static final String CONTENT_BASE = "Content-Base";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_LOCATION = "Content-Location";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CSEQ = "CSeq";
    public static final String LOCATION = "Location";
    public static final String PUBLIC = "Public";
    public static final String RANGE = "Range";
    public static final String SERVER = "Server";
    public static final String SESSION = "Session";
    public static final String TRANSPORT = "Transport";
    public static final String USER_AGENT = "User-Agent";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private RtspHeaders() {}
}

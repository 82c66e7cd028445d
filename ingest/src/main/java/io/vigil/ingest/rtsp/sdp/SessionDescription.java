package io.vigil.ingest.rtsp.sdp;

import java.util.List;
import java.util.Map;

/**
 * A parsed SDP document (RFC 8866) as RTSP uses it: session-level attributes and the
 * media sections in order.
 *
 * @param control    session-level a=control as written, or null
 * @param attributes session-level a= lines, name to value ("" for flags), first wins
 * @param media      the m= sections in document order
 */
public record SessionDescription(String control, Map<String, String> attributes, List<MediaDescription> media) {
    public SessionDescription {
        attributes = Map.copyOf(attributes);
        media = List.copyOf(media);
    }
}

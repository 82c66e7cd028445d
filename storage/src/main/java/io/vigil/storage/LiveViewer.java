package io.vigil.storage;

/**
 * Receives one camera's live pictures ({@link LiveFeeds}). Called on ingest's threads
 * while a camera's session is being recorded: implementations must not block (write to
 * a socket without waiting, drop what a slow viewer cannot take).
 */
public interface LiveViewer {
    /**
     * A stream starts: the first one, or after a reconnect or a change of resolution or
     * codec. Pictures that follow need this init segment.
     *
     * @param initSegment ftyp + moov
     * @param codecs      the RFC 6381 codecs value for a MIME type, e.g. {@code avc1.64001f}
     */
    void init(byte[] initSegment, String codecs);

    /**
     * One picture: prft + moof + mdat.
     *
     * @param keyframe whether a decoder can start at it
     */
    void picture(byte[] fragment, boolean keyframe);
}

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

    /** Which of a camera's streams the wall shows (docs/live.md, "When the live stream fails"). */
    enum Source {
        /** The camera's own smaller stream for the wall ({@code liveUrl}). */
        LIVE_STREAM,
        /** The recorded stream, shown while the camera's live stream fails. */
        RECORDED_STREAM
    }

    /**
     * The pictures that follow (from the next {@link #init}) come from {@code source}. Only
     * for a camera with a {@code liveUrl}: said when its live stream fails and the recorded
     * stream is shown instead, and when the live stream is back. Must not block.
     */
    default void source(Source source) {
        // most viewers need not know
    }
}

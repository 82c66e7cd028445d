package io.vigil.storage;

import io.vigil.config.CameraId;

/**
 * Live pictures of the cameras, straight from ingest's memory and never from disk: ingest
 * publishes them, the access gateway shows them, the server wires one to the other (the
 * two modules never see each other). The interface sits here, in the API both already
 * use, because live viewing is the one thing they share that is not stored.
 *
 * <p>Pictures come as fragmented MP4 ready for a browser's Media Source Extensions: an
 * init segment per stream, then one fragment per picture, each a {@code prft} box (when
 * the picture arrived at Vigil, NTP format) followed by {@code moof} and {@code mdat}.
 */
public interface LiveFeeds {
    /**
     * Starts sending {@code cameraId}'s live pictures to {@code viewer}: at once the current
     * init segment and the pictures since the last keyframe (so a tile starts without
     * waiting for the next one), then every new picture. Close the handle to stop.
     */
    AutoCloseable watch(CameraId cameraId, LiveViewer viewer);

    /** No live pictures at all (a gateway without ingest, e.g. in tests). */
    static LiveFeeds none() {
        return (camera, viewer) -> () -> { };
    }
}

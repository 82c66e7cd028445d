/**
 * Live pictures for the wall: each recorded picture, as it arrives, becomes a one-picture
 * fMP4 fragment stamped with its arrival time ({@code prft}); the pictures since the last
 * keyframe stay in memory so a new viewer starts at once. Nothing here touches the disk.
 * Fed by {@code recording} (beside the segmenter, same thread); read through storage's
 * {@link io.vigil.storage.LiveFeeds}.
 */
package io.vigil.ingest.live;

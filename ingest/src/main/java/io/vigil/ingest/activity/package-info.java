/**
 * The activity line (issue 12): how much each camera's picture changed, measured from
 * keyframes only, behind the recording. Fed by {@code recording} once a segment is stored
 * ({@link io.vigil.ingest.activity.CameraActivity}); {@link io.vigil.ingest.activity.FirstPicture}
 * takes the segment's starting keyframe out of its parts, {@link io.vigil.ingest.activity.KeyframeDecoder}
 * decodes it into a small {@link io.vigil.ingest.activity.GreyPicture},
 * {@link io.vigil.ingest.activity.PictureChange} compares it with the previous one, and the
 * sample goes to storage beside its segment ({@link io.vigil.storage.SegmentStore#recordActivity}).
 * Never on the data path's threads: a side stage after {@code recording}.
 */
package io.vigil.ingest.activity;

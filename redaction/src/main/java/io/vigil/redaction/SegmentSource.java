package io.vigil.redaction;

import io.vigil.config.CameraId;
import java.util.Iterator;

/**
 * The decrypted segments of one camera over a window, in time order, handed over one at a
 * time so memory does not grow with the window. {@link StoredSegmentSource} reads them from
 * the encrypted store; tests may give any iterator. {@code next()} throws
 * {@link RedactionException} naming the segment when one cannot be read or authenticated.
 */
public interface SegmentSource extends Iterator<SourceSegment> {

    /** The camera, for messages and the manifest. */
    CameraId cameraId();

    static SegmentSource of(CameraId cameraId, Iterator<SourceSegment> segments) {
        return new SegmentSource() {
            @Override
            public CameraId cameraId() {
                return cameraId;
            }

            @Override
            public boolean hasNext() {
                return segments.hasNext();
            }

            @Override
            public SourceSegment next() {
                return segments.next();
            }
        };
    }
}

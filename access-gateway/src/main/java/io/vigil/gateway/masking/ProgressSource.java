package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.vigil.redaction.SegmentSource;
import io.vigil.redaction.SourceSegment;
import java.util.concurrent.atomic.AtomicInteger;

/** A segment source that counts the segments handed to the job: the progress the review page shows. */
final class ProgressSource implements SegmentSource {
    private final SegmentSource inner;
    private final AtomicInteger read;

    ProgressSource(SegmentSource inner, AtomicInteger read) {
        this.inner = inner;
        this.read = read;
    }

    @Override
    public CameraId cameraId() {
        return inner.cameraId();
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public SourceSegment next() {
        SourceSegment s = inner.next();
        read.incrementAndGet();
        return s;
    }
}

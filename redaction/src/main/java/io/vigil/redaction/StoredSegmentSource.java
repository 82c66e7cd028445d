package io.vigil.redaction;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The segments of a camera overlapping a window, read and decrypted from the store one at
 * a time (nothing decrypted touches the disk). The index rows are listed up front (a few
 * dozen bytes each); each segment's bytes are read only when the pipeline asks for it.
 */
public final class StoredSegmentSource implements SegmentSource {
    private final SegmentStore store;
    private final CameraId cameraId;
    private final Iterator<SegmentInfo> rows;

    public StoredSegmentSource(SegmentStore store, CameraId cameraId, Instant from, Instant to) {
        this.store = store;
        this.cameraId = cameraId;
        List<SegmentInfo> listed = store.list(cameraId, from, to);
        this.rows = listed.iterator();
    }

    @Override
    public CameraId cameraId() {
        return cameraId;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public SourceSegment next() {
        if (!rows.hasNext()) throw new NoSuchElementException();
        SegmentInfo info = rows.next();
        try {
            return new SourceSegment(info.key().toString(), info.start(), info.end(), store.read(info.key()));
        } catch (StorageException e) {
            throw new RedactionException("stored segment " + info.key() + " of camera " + cameraId
                    + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RedactionException("stored segment " + info.key() + " of camera " + cameraId
                    + " cannot be read or authenticated: " + e.getMessage(), e);
        }
    }
}

package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link SegmentStore} that also notes every {@code recordGap} call, so a test can
 * tell which rows the gaps column family holds (the store keys a gap by camera and start:
 * one distinct start is one row) without reading RocksDB itself.
 */
public final class RecordedGaps {
    /** One {@code recordGap} call. */
    public record Call(String cameraId, Instant from, Instant to, String reason) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final SegmentStore store;

    public RecordedGaps(SegmentStore real) {
        this.store = (SegmentStore) Proxy.newProxyInstance(SegmentStore.class.getClassLoader(), new Class<?>[] {SegmentStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("recordGap")) {
                        calls.add(new Call(((CameraId) args[0]).value(), (Instant) args[1], (Instant) args[2], (String) args[3]));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The store to hand to the recorder. */
    public SegmentStore store() {
        return store;
    }

    public List<Call> calls(String cameraId) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) if (c.cameraId().equals(cameraId)) out.add(c);
        return out;
    }

    /** Gap rows of the camera in the index: one per distinct start (a later write with the same start replaces the row). */
    public Set<Instant> rowStarts(String cameraId) {
        Set<Instant> out = new LinkedHashSet<>();
        for (Call c : calls(cameraId)) out.add(c.from());
        return out;
    }
}

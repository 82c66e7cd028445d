package io.vigil.gateway.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vigil.config.CameraId;
import io.vigil.gateway.http.BodySource;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import io.vigil.storage.format.BoxReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of a camera's footage ({@link FootageMap.Part}: segments with the same init)
 * as a single fragmented MP4, without holding it in memory: the first segment's init with
 * the part's duration written into it ({@link MovieHeaders}), then every segment's
 * fragments (moof+mdat) with its own init stripped. The length is computed from the
 * index's segment sizes alone; segments are read and decrypted only when their bytes are
 * requested, so HTTP Range requests seek cheaply.
 *
 * <p><b>Media time is footage time.</b> Each segment's decode times are moved so that it
 * starts at its recorded start minus the part's start: a gap in the recording (camera
 * down, Vigil stopped, a damaged segment left out) is a gap of the same length in the
 * video, and footage time = part start + the player's current time, on both sides of
 * every gap.
 *
 * <p>A segment that cannot be served when its turn comes (erased by the purge since the
 * plan, damaged since, or with another init) becomes a 'free' box of its exact size,
 * which players skip: the response keeps its promised length and the video continues
 * with the next segment, after a gap in its timeline where the lost one was.
 */
public final class AssembledVideo {
    private static final Logger log = LoggerFactory.getLogger(AssembledVideo.class);
    private static final int CHUNK = 256 * 1024;
    /** Ticks per second of the track (90000 in Vigil's segments: segment format, rule 2). */
    private final long timescale;

    private final SegmentStore store;
    private final List<SegmentInfo> segments;
    private final byte[] init;
    private final int storedInitLength;
    private final byte[] sampleDescription;
    /** offsets[i]: where segment i's fragments start in the joined file; offsets[n]: total length. */
    private final long[] offsets;
    private final byte[] firstSegment;

    private AssembledVideo(SegmentStore store, List<SegmentInfo> segments, byte[] first) {
        this.store = store;
        this.segments = segments;
        this.storedInitLength = BoxReader.initLength(first);
        this.sampleDescription = BoxReader.sampleDescription(first, storedInitLength);
        long scale = BoxReader.timescale(first, storedInitLength);
        this.timescale = scale > 0 ? scale : 90_000;
        Duration length = Duration.between(segments.get(0).start(), segments.get(segments.size() - 1).end());
        this.init = MovieHeaders.withDuration(Arrays.copyOf(first, storedInitLength), length.toMillis());
        this.offsets = new long[segments.size() + 1];
        offsets[0] = init.length;
        for (int i = 0; i < segments.size(); i++) {
            long media = i == 0 ? first.length - storedInitLength : Math.max(0, segments.get(i).plaintextBytes() - storedInitLength);
            offsets[i + 1] = offsets[i] + media;
        }
        if (!prepare(first, 0)) throw new IllegalArgumentException("the first segment's decode times cannot be placed");
        this.firstSegment = first;
    }

    /** The video of one planned part, or empty when none of its segments can be read any more. */
    public static Optional<AssembledVideo> of(SegmentStore store, FootageMap.Part part) {
        List<SegmentInfo> left = new ArrayList<>(part.segments());
        while (!left.isEmpty()) {
            try {
                byte[] first = store.read(left.get(0).key());
                return Optional.of(new AssembledVideo(store, List.copyOf(left), first));
            } catch (StorageException | IllegalArgumentException e) {
                // Erased or damaged since the plan: the part starts at the next segment.
                log.warn("segment {} at the start of a part cannot be read: {}", left.get(0).key(), e.getMessage());
                left.remove(0);
            }
        }
        return Optional.empty();
    }

    /**
     * The first part of the footage lying wholly inside [from, to) — never a byte of
     * footage outside the range — or empty when none is recorded there. Plans afresh;
     * callers serving many requests plan once with their {@link SegmentChecks}.
     */
    public static Optional<AssembledVideo> open(SegmentStore store, CameraId camera, Instant from, Instant to) {
        FootageMap map = FootageMap.plan(new SegmentChecks(store), camera, from, to);
        return map.isEmpty() ? Optional.empty() : of(store, map.parts().get(0));
    }

    public long length() {
        return offsets[offsets.length - 1];
    }

    public Instant footageStart() {
        return segments.get(0).start();
    }

    public Instant footageEnd() {
        return segments.get(segments.size() - 1).end();
    }

    public int segmentCount() {
        return segments.size();
    }

    /** The bytes [first, lastInclusive] of the joined file, produced lazily. */
    public BodySource body(long first, long lastInclusive) {
        if (first < 0 || lastInclusive >= length() || first > lastInclusive + 1) {
            throw new IllegalArgumentException("range " + first + "-" + lastInclusive + " outside 0-" + (length() - 1));
        }
        return new RangeSource(first, lastInclusive);
    }

    /**
     * Moves segment i's decode times so it starts at its footage time within the part
     * (in place) and neutralises per-file boxes; false when it cannot be placed.
     */
    private boolean prepare(byte[] data, int i) {
        int initLen = BoxReader.initLength(data);
        long first = BoxReader.firstDecodeTime(data, initLen, data.length);
        if (first < 0) return false;
        long target = Duration.between(segments.get(0).start(), segments.get(i).start()).toMillis() * timescale / 1000;
        return BoxReader.prepareFragments(data, initLen, data.length, first - target);
    }

    /** Reads and prepares segment i; null when it cannot be served (see class comment). */
    private byte[] load(int i) {
        if (i == 0) return firstSegment;
        SegmentInfo s = segments.get(i);
        byte[] data;
        try {
            data = store.read(s.key());
        } catch (StorageException e) {
            log.warn("playback leaves out segment {} (a gap in the video): {}", s.key(), e.getMessage());
            return null;
        }
        try {
            int initLen = BoxReader.initLength(data);
            long expected = offsets[i + 1] - offsets[i];
            if (initLen != storedInitLength || data.length - initLen != expected
                    || !Arrays.equals(sampleDescription, BoxReader.sampleDescription(data, initLen))) {
                log.warn("playback leaves out segment {}: its init differs from the part's first segment's", s.key());
                return null;
            }
            return prepare(data, i) ? data : null;
        } catch (IllegalArgumentException e) {
            log.warn("playback leaves out segment {}: not a fragmented MP4 ({})", s.key(), e.getMessage());
            return null;
        }
    }

    private final class RangeSource implements BodySource {
        private long pos;
        private final long last;
        private int loadedIndex = -1;
        private byte[] loaded;

        RangeSource(long first, long last) {
            this.pos = first;
            this.last = last;
        }

        @Override
        public ByteBuf next(ByteBufAllocator alloc) {
            if (pos > last) return null;
            long remaining = last - pos + 1;
            if (pos < init.length) {
                int n = (int) Math.min(remaining, init.length - pos);
                ByteBuf b = Unpooled.wrappedBuffer(init, (int) pos, n);
                pos += n;
                return b;
            }
            int i = segmentAt(pos);
            if (i != loadedIndex) {
                loaded = load(i);
                loadedIndex = i;
            }
            long slotEnd = offsets[i + 1];
            int n = (int) Math.min(Math.min(remaining, CHUNK), slotEnd - pos);
            if (loaded == null) return filler(i, n);
            int mediaStart = loaded.length - (int) (slotEnd - offsets[i]);
            ByteBuf b = Unpooled.wrappedBuffer(loaded, mediaStart + (int) (pos - offsets[i]), n);
            pos += n;
            return b;
        }

        /** n bytes of the 'free' box standing in for segment i's fragments. */
        private ByteBuf filler(int i, int n) {
            byte[] header = BoxReader.freeBoxHeader(offsets[i + 1] - offsets[i]);
            byte[] out = new byte[n];
            for (int k = 0; k < n; k++) {
                long rel = pos + k - offsets[i];
                if (rel >= 0 && rel < header.length) out[k] = header[(int) rel];
            }
            pos += n;
            return Unpooled.wrappedBuffer(out);
        }

        private int segmentAt(long offset) {
            int lo = 0, hi = segments.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (offsets[mid] <= offset) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        @Override
        public void close() {
            loaded = null;
        }
    }
}

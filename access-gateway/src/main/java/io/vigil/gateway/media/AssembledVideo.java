package io.vigil.gateway.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.vigil.gateway.http.BodySource;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.format.BoxReader;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's footage over a range as a single fragmented MP4, without holding it in
 * memory: the init (ftyp+moov) of the first segment, then every segment's fragments
 * (moof+mdat) with its own init stripped. The length is computed from the index's
 * segment sizes alone, relying on the segment format's contract
 * ({@link io.vigil.storage.format.SegmentFormat}: same configuration, same init; decode
 * time continues); segments are read and decrypted only when their bytes are requested,
 * so HTTP Range requests seek cheaply.
 *
 * <p>If a segment turns out unusable when its turn comes — erased by the purge meanwhile,
 * failing authentication, or with a different codec description (resolution change) or
 * a restarted clock — the video ends there: the remaining bytes of the promised length
 * are one MP4 'free' box, which players skip, so the stream ends cleanly with no error.
 */
public final class AssembledVideo {
    private static final Logger log = LoggerFactory.getLogger(AssembledVideo.class);
    private static final int CHUNK = 256 * 1024;

    private final SegmentStore store;
    private final List<SegmentInfo> segments;
    private final byte[] init;
    private final byte[] sampleDescription;
    private final long baseDecodeTime;
    /** offsets[i]: where segment i's fragments start in the joined file; offsets[n]: total length. */
    private final long[] offsets;
    private final byte[] firstSegment;
    private volatile int faultIndex = Integer.MAX_VALUE;

    private AssembledVideo(SegmentStore store, List<SegmentInfo> segments, byte[] first) {
        this.store = store;
        this.segments = segments;
        int initLen = BoxReader.initLength(first);
        this.init = Arrays.copyOf(first, initLen);
        this.sampleDescription = BoxReader.sampleDescription(first, initLen);
        long base = BoxReader.firstDecodeTime(first, initLen, first.length);
        this.baseDecodeTime = Math.max(0, base);
        this.offsets = new long[segments.size() + 1];
        offsets[0] = initLen;
        for (int i = 0; i < segments.size(); i++) {
            long media = i == 0 ? first.length - initLen : Math.max(0, segments.get(i).plaintextBytes() - initLen);
            offsets[i + 1] = offsets[i] + media;
        }
        BoxReader.prepareFragments(first, initLen, first.length, baseDecodeTime);
        this.firstSegment = first;
    }

    /**
     * The joined video of the segments lying wholly inside [from, to) — never a byte of
     * footage outside the range — or empty when none is recorded there.
     */
    public static Optional<AssembledVideo> open(SegmentStore store, String camera, Instant from, Instant to) {
        List<SegmentInfo> inside = new ArrayList<>();
        for (SegmentInfo s : store.list(camera, from, to)) {
            if (!s.start().isBefore(from) && !s.end().isAfter(to)) inside.add(s);
        }
        while (!inside.isEmpty()) {
            try {
                byte[] first = store.read(inside.get(0).key());
                return Optional.of(new AssembledVideo(store, List.copyOf(inside), first));
            } catch (StorageException | IllegalArgumentException e) {
                // Erased between listing and reading, or unreadable: start at the next one.
                log.warn("skipping segment {} at the start of a playback: {}", inside.get(0).key(), e.getMessage());
                inside.remove(0);
            }
        }
        return Optional.empty();
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

    /** Reads and prepares segment i; null when it cannot continue the video (see class comment). */
    private byte[] load(int i) {
        if (i == 0) return firstSegment;
        SegmentInfo s = segments.get(i);
        byte[] data;
        try {
            data = store.read(s.key());
        } catch (StorageException e) {
            log.info("playback ends before segment {}: {}", s.key(), e.getMessage());
            return null;
        }
        try {
            int initLen = BoxReader.initLength(data);
            long expected = offsets[i + 1] - offsets[i];
            if (initLen != init.length || data.length - initLen != expected
                    || !Arrays.equals(sampleDescription, BoxReader.sampleDescription(data, initLen))) {
                log.info("playback ends before segment {}: its init differs from the first segment's (encoder settings changed)", s.key());
                return null;
            }
            if (!BoxReader.prepareFragments(data, initLen, data.length, baseDecodeTime)) {
                log.info("playback ends before segment {}: its timestamps restart", s.key());
                return null;
            }
            return data;
        } catch (IllegalArgumentException e) {
            log.warn("playback ends before segment {}: not a fragmented MP4 ({})", s.key(), e.getMessage());
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
            if (i < faultIndex && i != loadedIndex) {
                byte[] data = load(i);
                if (data == null) {
                    synchronized (AssembledVideo.this) {
                        if (i < faultIndex) faultIndex = i;
                    }
                } else {
                    loaded = data;
                    loadedIndex = i;
                }
            }
            if (i >= faultIndex) return filler(remaining);
            int mediaStart = loaded.length - (int) (offsets[i + 1] - offsets[i]);
            int within = (int) (pos - offsets[i]);
            int n = (int) Math.min(Math.min(remaining, CHUNK), offsets[i + 1] - pos);
            ByteBuf b = Unpooled.wrappedBuffer(loaded, mediaStart + within, n);
            pos += n;
            return b;
        }

        /** Bytes of the 'free' box that replaces everything from the fault to the end. */
        private ByteBuf filler(long remaining) {
            long fillStart = offsets[faultIndex];
            byte[] header = BoxReader.freeBoxHeader(length() - fillStart);
            int n = (int) Math.min(remaining, CHUNK);
            byte[] out = new byte[n];
            for (int k = 0; k < n; k++) {
                long rel = pos + k - fillStart;
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

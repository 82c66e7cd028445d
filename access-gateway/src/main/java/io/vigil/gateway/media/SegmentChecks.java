package io.vigil.gateway.media;

import io.vigil.storage.SegmentAuthenticationException;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import io.vigil.storage.format.BoxReader;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and authenticates stored segments to learn whether each plays and which init it
 * carries, remembering the answer per segment: a range is checked once, then planning
 * the same range again (every HTTP Range request of a playback) costs no disk read.
 * A remembered answer can only be too optimistic (a segment erased or damaged after it
 * was checked); the video and the export still read every segment again and never serve
 * a byte that did not authenticate then (see {@link AssembledVideo}).
 */
public final class SegmentChecks {
    private static final Logger log = LoggerFactory.getLogger(SegmentChecks.class);
    /** About 100 bytes each: a day of 16 cameras at 2 s segments is ~700,000. */
    private static final int MAX_REMEMBERED = 1_000_000;

    private final SegmentStore store;
    private final Map<SegmentKey, SegmentCheck> remembered = new ConcurrentHashMap<>();

    public SegmentChecks(SegmentStore store) {
        this.store = store;
    }

    public SegmentStore store() {
        return store;
    }

    public SegmentCheck check(SegmentKey key) {
        SegmentCheck known = remembered.get(key);
        if (known != null) return known;
        SegmentCheck c = read(key);
        if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
        remembered.put(key, c);
        return c;
    }

    /** Reads a segment now, whatever is remembered, and remembers the answer. */
    SegmentCheck recheck(SegmentKey key) {
        remembered.remove(key);
        return check(key);
    }

    private SegmentCheck read(SegmentKey key) {
        byte[] data;
        try {
            data = store.read(key);
        } catch (SegmentAuthenticationException e) {
            log.warn("segment {} is damaged: {}", key, e.getMessage());
            return SegmentCheck.fault(SegmentCheck.Fault.DAMAGED);
        } catch (SegmentNotFoundException e) {
            return SegmentCheck.fault(SegmentCheck.Fault.MISSING);
        } catch (StorageException e) {
            log.warn("segment {} cannot be read: {}", key, e.getMessage());
            boolean gone = e.getMessage() != null && e.getMessage().contains("missing");
            return SegmentCheck.fault(gone ? SegmentCheck.Fault.MISSING : SegmentCheck.Fault.UNREADABLE);
        }
        return describe(key, data);
    }

    static SegmentCheck describe(Object what, byte[] data) {
        try {
            int initLen = BoxReader.initLength(data);
            if (BoxReader.firstDecodeTime(data, initLen, data.length) < 0) throw new IllegalArgumentException("no tfdt");
            byte[] stsd = BoxReader.sampleDescription(data, initLen);
            String codec = stsd != null && stsd.length >= 24 ? new String(stsd, 20, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
            int[] size = TrackSize.of(data, initLen);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, initLen);
            return new SegmentCheck(null, HexFormat.of().formatHex(sha.digest()), size[0], size[1], codec,
                    PresentationDelay.millis(data, initLen));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            log.warn("segment {} is not a fragmented MP4 the player can join: {}", what, e.getMessage());
            return SegmentCheck.fault(SegmentCheck.Fault.UNREADABLE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Picture size from the first track header's 16.16 width and height (its last 8 bytes). */
    static final class TrackSize {
        private TrackSize() {}

        static int[] of(byte[] data, int initLen) {
            BoxReader.Box moov = BoxReader.find(BoxReader.children(data, 0, initLen), "moov");
            if (moov == null) return new int[] {0, 0};
            BoxReader.Box trak = BoxReader.find(BoxReader.children(data, moov.bodyOffset(), moov.end()), "trak");
            if (trak == null) return new int[] {0, 0};
            BoxReader.Box tkhd = BoxReader.find(BoxReader.children(data, trak.bodyOffset(), trak.end()), "tkhd");
            if (tkhd == null || tkhd.size() < 16) return new int[] {0, 0};
            ByteBuffer b = ByteBuffer.wrap(data);
            return new int[] {b.getInt(tkhd.end() - 8) >>> 16, b.getInt(tkhd.end() - 4) >>> 16};
        }
    }
}

package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.RtpReorderBuffer;
import io.vigil.ingest.rtp.TimestampUnwrapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: RTP packets through reorder buffer, depacketizer and segmenter, without a recorder. */
final class MediaPipeline {
    private MediaPipeline() {}

    static List<Segment> run(FfmpegRtp.Capture cap, Duration target) throws RtpParseException {
        return run(cap, target, java.util.Set.of());
    }

    /**
     * As {@link #run(FfmpegRtp.Capture, Duration)}, but the segments whose output index is
     * in {@code lostSegments} are refused as a recorder with a full disk queue refuses them: not
     * kept, and the segmenter told at once.
     */
    static List<Segment> run(FfmpegRtp.Capture cap, Duration target, java.util.Set<Integer> lostSegments) throws RtpParseException {
        VideoCodec codec = VideoCodec.fromEncoding(cap.track().encoding());
        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] index = {0};
        Segmenter segmenter = new Segmenter(target, Segmenter.UNBOUNDED_TIME, () -> 1_700_000_000_000L, segment -> {
            if (lostSegments.contains(index[0]++)) return false; // refused: the segmenter drops what referred to it
            segments.add(segment);
            return true;
        }, (k, m) -> problems.add(k + ": " + m));
        segmenter.startSession(codec, SdpParameterSets.from(cap.track(), codec));
        Depacketizer depack = Depacketizer.forCodec(codec, au -> segmenter.accept(au, System.nanoTime()));
        TimestampUnwrapper unwrap = new TimestampUnwrapper();
        RtpParseException[] failure = new RtpParseException[1];
        RtpReorderBuffer reorder = new RtpReorderBuffer(32, 100_000_000L, (p, lost) -> {
            try {
                depack.push(p, unwrap.unwrap(p.timestamp()), lost);
            } catch (RtpParseException e) {
                failure[0] = e;
            }
        });
        for (byte[] packet : cap.packets()) reorder.push(RtpPacket.parse(packet), System.nanoTime());
        reorder.flush();
        depack.flush();
        segmenter.endSession();
        if (failure[0] != null) throw failure[0];
        if (reorder.lost() != 0) throw new AssertionError(reorder.lost() + " packets lost on loopback");
        if (!problems.isEmpty()) throw new AssertionError("problems: " + problems);
        return segments;
    }

    /** The moof + mdat of a segment (what follows its ftyp + moov). */
    static byte[] withoutInit(byte[] fmp4) {
        int pos = 0;
        while (pos + 8 <= fmp4.length) {
            int size = ((fmp4[pos] & 0xFF) << 24) | ((fmp4[pos + 1] & 0xFF) << 16) | ((fmp4[pos + 2] & 0xFF) << 8) | (fmp4[pos + 3] & 0xFF);
            String type = new String(fmp4, pos + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (type.equals("moof")) return java.util.Arrays.copyOfRange(fmp4, pos, fmp4.length);
            pos += size;
        }
        throw new AssertionError("no moof in segment");
    }
}

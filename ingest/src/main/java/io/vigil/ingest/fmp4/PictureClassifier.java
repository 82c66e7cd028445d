package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.H264RecoveryPoint;
import io.vigil.ingest.codec.VideoCodec;

import java.util.List;

/**
 * Says what a picture is to the segmenter: a keyframe (where decoding may start), a leading
 * picture of the newest keyframe (decodable from it or not), or neither.
 *
 * <p>Keyframes are H.264 IDR and H.265 IRAP pictures, and H.264 I pictures with a recovery
 * point SEI at distance 0 ({@link H264RecoveryPoint}: open GOP, which libx264 and cameras
 * send instead of IDRs). H.265 marks leading pictures by NAL unit type (RASL refer to the
 * previous group of pictures, RADL only to their keyframe). H.264 has none: the leading
 * pictures of a recovery point I picture are the pictures right after it in decoding order
 * that are shown before it (open-GOP B pictures referring to the previous group, like RASL),
 * so this class remembers the newest such keyframe's time until a picture shown after it.
 *
 * <p>One per session (one codec). Not thread-safe: its segmenter's.
 */
final class PictureClassifier {
    /** What a picture is: see {@link PictureClassifier}. */
    record Kind(boolean keyframe, boolean recoveryPoint, boolean bla, boolean leading, boolean undecodableLeading,
                Fmp4Writer.Leading mark, boolean mayHaveLeadingPictures) {}

    private final VideoCodec codec;
    private final ProblemReporter problems;
    /**
     * H.264 open GOP: timestamp of the newest keyframe that is an I picture with a recovery
     * point (not an IDR), while the pictures after it in decoding order are still shown
     * before it (its leading pictures); {@link Segmenter#NO_NEXT} otherwise.
     */
    private long leadingBefore = Segmenter.NO_NEXT;

    PictureClassifier(VideoCodec codec, ProblemReporter problems) {
        this.codec = codec;
        this.problems = problems;
    }

    /**
     * @param nals             the picture's NAL units
     * @param flaggedKeyframe  whether the depacketizer saw an IDR/IRAP slice
     * @param timestamp        its corrected presentation time
     */
    Kind classify(List<byte[]> nals, boolean flaggedKeyframe, long timestamp) {
        int type = codec.pictureType(nals);
        boolean recoveryPoint = !flaggedKeyframe && codec == VideoCodec.H264 && isRecoveryPoint(nals);
        boolean keyframe = flaggedKeyframe || recoveryPoint;
        boolean h264Leading = !keyframe && timestamp < leadingBefore;
        if (recoveryPoint) leadingBefore = timestamp;
        else if (!h264Leading) leadingBefore = Segmenter.NO_NEXT;
        boolean undecodableLeading = codec.isRasl(type) || h264Leading;
        boolean leading = undecodableLeading || codec.isRadl(type);
        Fmp4Writer.Leading mark = undecodableLeading ? Fmp4Writer.Leading.UNDECODABLE
                : codec.isRadl(type) ? Fmp4Writer.Leading.DECODABLE : Fmp4Writer.Leading.UNKNOWN;
        // without leading pictures to wait for (H.264 IDR, H.265 IDR_N_LP/BLA_N_LP) the segment before is complete at once
        boolean mayLead = codec.mayHaveLeadingPictures(type) || recoveryPoint;
        return new Kind(keyframe, recoveryPoint, codec.isBla(type), leading, undecodableLeading, mark, mayLead);
    }

    /** After a segment closed without a next keyframe: no picture leads a stored keyframe any more. */
    void forgetKeyframe() {
        leadingBefore = Segmenter.NO_NEXT;
    }

    private boolean isRecoveryPoint(List<byte[]> nals) {
        H264RecoveryPoint.Result rp = H264RecoveryPoint.of(nals);
        if (rp.malformed() != null) problems.report("malformed-sei", rp.malformed());
        return rp.randomAccess();
    }
}

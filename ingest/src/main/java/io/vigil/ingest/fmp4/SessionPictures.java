package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.rtp.RtpParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * One session's access units taken apart: parameter sets go to the codec configuration
 * (the SDP's first, then in-band ones), access unit delimiters are left out, the rest is
 * the picture a sample stores. Says in the problem log when the parameter sets are
 * unusable or missing. One per session. Not thread-safe: its segmenter's.
 */
final class SessionPictures {
    private final VideoCodec codec;
    private final CodecConfig.Tracker tracker;
    private final ProblemReporter problems;
    private boolean warnedNoParameterSets;

    /** @param sdpParameterSets the parameter sets from the SDP (may be empty) */
    SessionPictures(VideoCodec codec, List<byte[]> sdpParameterSets, ProblemReporter problems) {
        this.codec = codec;
        this.tracker = new CodecConfig.Tracker(codec);
        this.problems = problems;
        for (byte[] nal : sdpParameterSets) tracker.offer(nal);
    }

    VideoCodec codec() {
        return codec;
    }

    /** The access unit's NAL units that go into a sample: parameter sets (to the configuration) and delimiters left out. */
    List<byte[]> pictureNals(AccessUnit au) {
        List<byte[]> picture = new ArrayList<>(au.nals().size());
        for (byte[] nal : au.nals()) {
            if (tracker.offer(nal)) continue;
            if (codec.isAud(codec.nalType(nal))) continue;
            picture.add(nal);
        }
        return picture;
    }

    /** The codec configuration from the parameter sets seen so far; null when they are missing or unusable. */
    CodecConfig config() {
        try {
            return tracker.config();
        } catch (RtpParseException e) {
            problems.report("bad-parameter-sets", "unusable SPS: " + e.getMessage());
            return null;
        }
    }

    /** A keyframe arrived without usable parameter sets: said in full once a session, then briefly. */
    void reportKeyframeWithoutParameterSets() {
        if (!warnedNoParameterSets) {
            warnedNoParameterSets = true;
            problems.report("no-parameter-sets", "keyframe without usable " + codec
                    + " parameter sets (none in the SDP fmtp nor in-band): nothing is stored until they arrive");
        } else {
            problems.report("no-parameter-sets", "still no parameter sets");
        }
    }
}

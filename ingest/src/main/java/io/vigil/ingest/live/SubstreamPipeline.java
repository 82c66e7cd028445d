package io.vigil.ingest.live;

import io.vigil.config.CameraId;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.RtpReorderBuffer;
import io.vigil.ingest.rtp.TimestampUnwrapper;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live-only stream's path (a camera's {@code liveUrl}): RTP packets in order, access
 * units, straight into the substream's own {@link LiveTap}. No segmenter, no store: this
 * stream is never recorded. Bad input is dropped and logged at DEBUG (the tile shows what
 * arrives; the recording, from the main stream, is where problems are counted). Called on
 * the pull session's event loop only.
 */
final class SubstreamPipeline implements StreamListener {
    private static final Logger log = LoggerFactory.getLogger(SubstreamPipeline.class);

    private final CameraId cameraId;
    private final LiveTap tap;
    private int payloadType;
    private RtpReorderBuffer reorder;
    private TimestampUnwrapper unwrapper;
    private Depacketizer depacketizer;

    SubstreamPipeline(CameraId cameraId, LiveTap tap) {
        this.cameraId = cameraId;
        this.tap = tap;
    }

    @Override
    public void onStart(VideoTrack track) {
        VideoCodec codec = VideoCodec.fromEncoding(track.encoding());
        if (codec == null) {
            log.warn("camera {}: live stream sends {} video, not H264 or H265: nothing to show", cameraId, track.encoding());
            return;
        }
        payloadType = track.payloadType();
        unwrapper = new TimestampUnwrapper();
        depacketizer = Depacketizer.forCodec(codec, this::picture);
        reorder = new RtpReorderBuffer(32, TimeUnit.MILLISECONDS.toNanos(100), this::inOrder);
        tap.startSession(codec, SdpParameterSets.from(track, codec));
    }

    @Override
    public void onRtp(byte[] packet) {
        if (reorder == null) return;
        try {
            RtpPacket p = RtpPacket.parse(packet);
            if (p.payloadType() == payloadType) reorder.push(p, System.nanoTime());
        } catch (RtpParseException e) {
            log.debug("camera {}: live stream packet dropped: {}", cameraId, e.getMessage());
        }
    }

    @Override
    public void onEnd(String reason) {
        if (reorder != null) {
            reorder.flush();
            depacketizer.flush();
        }
        reorder = null;
        tap.endSession();
    }

    private void inOrder(RtpPacket p, int lostBefore) {
        try {
            depacketizer.push(p, unwrapper.unwrap(p.timestamp()), lostBefore);
        } catch (RtpParseException e) {
            log.debug("camera {}: live stream payload dropped: {}", cameraId, e.getMessage());
        }
    }

    private void picture(AccessUnit au) {
        try {
            tap.picture(au);
        } catch (RtpParseException e) {
            log.debug("camera {}: live stream parameter sets unusable: {}", cameraId, e.getMessage());
        }
    }
}

package io.vigil.ingest.codec;

import io.vigil.ingest.stream.VideoTrack;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads the parameter sets an SDP announces in its fmtp line (RFC 6184 8.1, RFC 7798 7.1). */
public final class SdpParameterSets {
    private SdpParameterSets() {}

    /**
     * The NAL units in {@code sprop-parameter-sets} (H.264) or {@code sprop-vps},
     * {@code sprop-sps}, {@code sprop-pps} (H.265); entries that are not valid base64 are
     * skipped (the in-band ones will do).
     */
    public static List<byte[]> from(VideoTrack track, VideoCodec codec) {
        List<byte[]> out = new ArrayList<>();
        if (codec == VideoCodec.H264) {
            decodeList(track.fmtp().get("sprop-parameter-sets"), out);
        } else {
            decodeList(track.fmtp().get("sprop-vps"), out);
            decodeList(track.fmtp().get("sprop-sps"), out);
            decodeList(track.fmtp().get("sprop-pps"), out);
        }
        return out;
    }

    private static void decodeList(String value, List<byte[]> out) {
        if (value == null) return;
        for (String part : value.split(",")) {
            String b64 = part.trim();
            if (b64.isEmpty()) continue;
            try {
                byte[] nal = Base64.getDecoder().decode(b64);
                if (nal.length > 1) out.add(nal);
            } catch (IllegalArgumentException notBase64) {
                // skipped on purpose; see method comment
            }
        }
    }
}

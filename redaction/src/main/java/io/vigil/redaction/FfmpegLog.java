package io.vigil.redaction;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * The one place Vigil sets FFmpeg's own log level (process-wide in libavutil): errors only.
 * At its default level FFmpeg prints every opened input's stream dump and every encoder's
 * rate-control choices on the server's stderr, once per segment decoded for a thumbnail or
 * a masking job: noise no operator reads, around the lines that matter. Vigil's own log says
 * what failed. Here in redaction, the lowest module with FFmpeg that the gateway and the
 * server both may use (docs/architecture.md).
 */
public final class FfmpegLog {
    private FfmpegLog() {}

    /** Lets FFmpeg print errors only; cheap and idempotent, so each user calls it before its first use. */
    public static void errorsOnly() {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }
}

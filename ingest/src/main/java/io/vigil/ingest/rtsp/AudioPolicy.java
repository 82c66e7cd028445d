package io.vigil.ingest.rtsp;

/** The one sentence we log, once per session, when a stream offers audio. */
public final class AudioPolicy {
    public static final String LOG_LINE = "audio track ignored: audio is never recorded (PIPA Art. 25(5))";

    private AudioPolicy() {}
}

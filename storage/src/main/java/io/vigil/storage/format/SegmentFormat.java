package io.vigil.storage.format;

/**
 * The on-disk format of a recorded segment, shared by the one writer (ingest's fMP4
 * writer, through {@link BoxWriter}) and the readers (the gateway's joining of segments
 * into one video and its exports, through {@link BoxReader}). What a segment's plaintext
 * is; the store encrypts it as opaque bytes.
 *
 * <h2>Contract</h2>
 * Every segment the writer produces, and every reader may rely on:
 * <ol>
 *   <li><b>Self-contained.</b> A segment is one fragmented MP4 (ISO/IEC 14496-12): an
 *       init ({@code ftyp} + {@code moov}) followed by one {@code moof} + {@code mdat}.
 *       Its first sample is a sync sample (H.264 IDR or recovery-point I picture, H.265
 *       IRAP), so every segment decodes alone.</li>
 *   <li><b>One video track.</b> Track id {@value #TRACK_ID}, timescale {@value #TIMESCALE}
 *       (RTP's video clock) in {@code mdhd}; H.264 as {@code avc1}+{@code avcC} or H.265 as
 *       {@code hvc1}+{@code hvcC} in {@code stsd}. Samples are 4-byte length-prefixed NAL
 *       units; parameter sets live in the sample description only.</li>
 *   <li><b>Same configuration, same init.</b> The init depends only on the encoder
 *       configuration (codec, parameter sets, picture size): consecutive segments of one
 *       camera with the same configuration have byte-identical inits, so every one has the
 *       init length of the first. A joining reader computes the joined length from the
 *       index's segment sizes alone on this basis, and checks each segment when it is read
 *       (init length and {@code stsd} bytes equal to the first's); a segment that differs
 *       ends the joined video there.</li>
 *   <li><b>Decode time continues.</b> The first fragment's {@code tfdt} (version 1,
 *       64-bit) is the sum of the durations of every sample the camera's recorder wrote
 *       before, across sessions (reconnects), so the fragments of consecutive segments
 *       concatenated after the first init play as one stream. It restarts at 0 only when
 *       the recorder does (Vigil restarted): a {@code tfdt} lower than the first segment's
 *       ends the joined video there.</li>
 *   <li><b>Fragments are position-independent.</b> {@code tfhd} sets
 *       default-base-is-moof, so {@code trun}'s data offset counts from the fragment's own
 *       {@code moof} and a fragment plays unchanged at any offset of a joined file.
 *       {@code mfhd} sequence numbers increase per camera.</li>
 *   <li><b>Readers never resize a box.</b> Joining rewrites {@code tfdt} values in place
 *       and turns top-level boxes other than {@code moof}/{@code mdat} into {@code free}
 *       boxes of the same size, so byte offsets computed from stored sizes stay valid.</li>
 * </ol>
 * docs/segment-format.md states the same contract with the box layout in full.
 */
public final class SegmentFormat {
    /** Ticks per second of media time: RTP's 90 kHz video clock, so RTP time needs no scaling. */
    public static final int TIMESCALE = 90_000;
    /** The one track's id. */
    public static final int TRACK_ID = 1;

    private SegmentFormat() {}
}

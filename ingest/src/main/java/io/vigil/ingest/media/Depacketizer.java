package io.vigil.ingest.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns in-order RTP payloads of one video stream into {@link AccessUnit}s. The shared
 * part: grouping NAL units into access units (a new timestamp starts one, the marker bit
 * ends one) and reassembling fragmentation units, dropping a fragmented NAL unit when a
 * packet of it was lost (a half NAL unit only makes the decoder misbehave). Subclasses
 * read their RFC's payload formats.
 */
public abstract class Depacketizer {
    private final VideoCodec codec;
    private final Consumer<AccessUnit> output;
    private List<byte[]> nals = new ArrayList<>();
    private boolean keyframe;
    private long timestamp;
    private boolean open;
    private final ByteArrayOutputStream fragment = new ByteArrayOutputStream();
    private boolean inFragment;
    private long fragmentsDropped;

    protected Depacketizer(VideoCodec codec, Consumer<AccessUnit> output) {
        this.codec = codec;
        this.output = output;
    }

    public static Depacketizer forCodec(VideoCodec codec, Consumer<AccessUnit> output) {
        return codec == VideoCodec.H264 ? new H264Depacketizer(output) : new H265Depacketizer(output);
    }

    public VideoCodec codec() {
        return codec;
    }

    /**
     * Feeds one packet, in sequence order.
     *
     * @param timestamp  the packet's RTP timestamp unwrapped to 64 bits
     * @param lostBefore packets lost just before this one
     * @throws RtpParseException when the payload is malformed or uses a packetization this
     *     recorder does not support; the state stays consistent for the next packet
     */
    public final void push(RtpPacket packet, long timestamp, int lostBefore) throws RtpParseException {
        if (lostBefore > 0 && inFragment) {
            dropFragment();
        }
        if (open && timestamp != this.timestamp) {
            if (inFragment) dropFragment();
            emit();
        }
        if (!open) {
            open = true;
            this.timestamp = timestamp;
        }
        try {
            parsePayload(packet.data(), packet.payloadOffset(), packet.payloadLength());
        } finally {
            if (packet.marker()) {
                if (inFragment) dropFragment();
                emit();
            }
        }
    }

    /** Emits the access unit in progress (end of stream). */
    public final void flush() {
        if (inFragment) dropFragment();
        emit();
    }

    public long fragmentsDropped() {
        return fragmentsDropped;
    }

    protected abstract void parsePayload(byte[] data, int offset, int length) throws RtpParseException;

    protected final void addNal(byte[] data, int offset, int length) throws RtpParseException {
        int headerBytes = codec == VideoCodec.H264 ? 1 : 2;
        if (length < headerBytes) throw new RtpParseException(codec + " NAL unit of " + length + " bytes is shorter than its header");
        byte[] nal = new byte[length];
        System.arraycopy(data, offset, nal, 0, length);
        addNal(nal);
    }

    private void addNal(byte[] nal) {
        if (codec.isKeyframe(codec.nalType(nal))) keyframe = true;
        nals.add(nal);
    }

    /** Starts a fragmented NAL unit whose reconstructed header is {@code header}. */
    protected final void startFragment(byte[] header, byte[] data, int offset, int length) {
        if (inFragment) dropFragment(); // previous one never saw its end fragment
        fragment.reset();
        fragment.write(header, 0, header.length);
        fragment.write(data, offset, length);
        inFragment = true;
    }

    /** Continues (and with {@code end}, completes) the fragmented NAL unit in progress. */
    protected final void continueFragment(byte[] data, int offset, int length, boolean end) {
        if (!inFragment) return; // its start was lost: nothing to continue, already counted
        fragment.write(data, offset, length);
        if (end) {
            inFragment = false;
            addNal(fragment.toByteArray());
            fragment.reset();
        }
    }

    private void dropFragment() {
        inFragment = false;
        fragment.reset();
        fragmentsDropped++;
    }

    private void emit() {
        if (open && !nals.isEmpty()) {
            output.accept(new AccessUnit(timestamp, keyframe, List.copyOf(nals)));
        }
        nals = new ArrayList<>();
        keyframe = false;
        open = false;
    }

    protected static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}

package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;

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
    // the fragmented NAL unit in progress: its header and the payload slices of its
    // packets (the packet arrays are never reused by the receivers), copied once, into an
    // array of the final size, when the end fragment arrives
    /** Largest NAL unit put together from fragments (far above a 4K keyframe slice). */
    static final int MAX_NAL_BYTES = 32 << 20;
    private byte[] fragmentHeader;
    private byte[][] pieceData = new byte[16][];
    private int[] pieceOffset = new int[16];
    private int[] pieceLength = new int[16];
    private int pieces;
    private int fragmentBytes;
    private boolean inFragment;
    private long fragmentsDropped;
    /** The access unit in progress lost a slice (a fragment, or a fragment's start). */
    private boolean damaged;
    private long picturesDropped;

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

    /** Slices (fragmented NAL units) dropped because a piece of them was lost; their picture goes on without them. */
    public long fragmentsDropped() {
        return fragmentsDropped;
    }

    /** Pictures that lost every slice to packet loss: nothing of them is emitted. */
    public long picturesDropped() {
        return picturesDropped;
    }

    protected abstract void parsePayload(byte[] data, int offset, int length) throws RtpParseException;

    protected final void addNal(byte[] data, int offset, int length) throws RtpParseException {
        if (length < nalHeaderBytes()) throw new RtpParseException(codec + " NAL unit of " + length + " bytes is shorter than its header");
        byte[] nal = new byte[length];
        System.arraycopy(data, offset, nal, 0, length);
        addNal(nal);
    }

    /**
     * The NAL units of an aggregation packet (H.264 STAP-A, H.265 AP) from {@code pos} to
     * {@code end}: each a 16-bit size and that many bytes, at least a NAL header.
     *
     * @param what the packet's kind in messages ("H.264 STAP-A")
     */
    protected final void addAggregated(byte[] data, int pos, int end, String what) throws RtpParseException {
        if (pos >= end) throw new RtpParseException(what + " holds no NAL unit");
        while (pos < end) {
            if (pos + 2 > end) throw new RtpParseException(what + " size field truncated");
            int size = u16(data, pos);
            pos += 2;
            if (size < nalHeaderBytes() || pos + size > end) {
                throw new RtpParseException(what + " NAL unit of " + size + " bytes overruns the packet");
            }
            addNal(data, pos, size);
            pos += size;
        }
    }

    /**
     * A fragmentation unit (H.264 FU-A, H.265 FU): the FU header at {@code offset + fuAt}, then
     * a piece of one NAL unit that starts it (its NAL header rebuilt by
     * {@link #fragmentedNalHeader}), continues it or ends it.
     *
     * @param what the packet's kind in messages ("H.264 FU-A")
     */
    protected final void addFragmentUnit(byte[] data, int offset, int length, int fuAt, String what) throws RtpParseException {
        if (length <= fuAt) throw new RtpParseException(what + " without FU header");
        int fu = data[offset + fuAt] & 0xFF;
        boolean start = (fu & 0x80) != 0;
        boolean end = (fu & 0x40) != 0;
        if (start && end) throw new RtpParseException(what + " with both start and end bits");
        int piece = fuAt + 1;
        if (start) {
            startFragment(fragmentedNalHeader(data, offset, fu), data, offset + piece, length - piece);
        } else {
            continueFragment(data, offset + piece, length - piece, end);
        }
    }

    /** The header of a fragmented NAL unit, rebuilt from the payload header at {@code offset} and the FU header. */
    protected abstract byte[] fragmentedNalHeader(byte[] data, int offset, int fuHeader);

    private int nalHeaderBytes() {
        return codec == VideoCodec.H264 ? 1 : 2;
    }

    private void addNal(byte[] nal) {
        if (codec.isKeyframe(codec.nalType(nal))) keyframe = true;
        nals.add(nal);
    }

    /** Starts a fragmented NAL unit whose reconstructed header is {@code header}. */
    private void startFragment(byte[] header, byte[] data, int offset, int length) {
        if (inFragment) dropFragment(); // previous one never saw its end fragment
        clearPieces();
        fragmentHeader = header;
        fragmentBytes = header.length;
        addPiece(data, offset, length);
        inFragment = true;
    }

    /** Continues (and with {@code end}, completes) the fragmented NAL unit in progress. */
    private void continueFragment(byte[] data, int offset, int length, boolean end) {
        if (!inFragment) {
            damaged = true; // its start was lost: nothing to continue (the loss is counted as packets)
            return;
        }
        if (fragmentBytes + (long) length > MAX_NAL_BYTES) {
            dropFragment(); // no camera sends such a picture slice; a stream that never ends one would fill the heap
            return;
        }
        addPiece(data, offset, length);
        if (end) {
            inFragment = false;
            byte[] nal = new byte[fragmentBytes];
            System.arraycopy(fragmentHeader, 0, nal, 0, fragmentHeader.length);
            int at = fragmentHeader.length;
            for (int i = 0; i < pieces; i++) {
                System.arraycopy(pieceData[i], pieceOffset[i], nal, at, pieceLength[i]);
                at += pieceLength[i];
            }
            clearPieces();
            addNal(nal);
        }
    }

    private void addPiece(byte[] data, int offset, int length) {
        if (pieces == pieceData.length) {
            int n = pieces * 2;
            pieceData = java.util.Arrays.copyOf(pieceData, n);
            pieceOffset = java.util.Arrays.copyOf(pieceOffset, n);
            pieceLength = java.util.Arrays.copyOf(pieceLength, n);
        }
        pieceData[pieces] = data;
        pieceOffset[pieces] = offset;
        pieceLength[pieces] = length;
        pieces++;
        fragmentBytes += length;
    }

    /** Forgets the pieces, so the packet arrays they point into can be collected. */
    private void clearPieces() {
        java.util.Arrays.fill(pieceData, 0, pieces, null);
        pieces = 0;
        fragmentBytes = 0;
        fragmentHeader = null;
    }

    private void dropFragment() {
        damaged = true;
        inFragment = false;
        clearPieces();
        fragmentsDropped++;
    }

    private void emit() {
        if (open && !nals.isEmpty()) {
            output.accept(new AccessUnit(timestamp, keyframe, List.copyOf(nals)));
        } else if (open && damaged) {
            picturesDropped++;
        }
        damaged = false;
        nals = new ArrayList<>();
        keyframe = false;
        open = false;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}

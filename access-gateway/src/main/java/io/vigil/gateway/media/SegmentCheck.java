package io.vigil.gateway.media;

/**
 * What reading one stored segment showed: usable (with the identity of its init, so
 * segments that can be joined into one video are known), or not, and why.
 *
 * @param fault       null when usable; otherwise why not
 * @param initDigest  SHA-256 of the segment's init (ftyp + moov) when usable: equal
 *                    digests mean the same encoder configuration (segment format, rule 3)
 * @param width       picture width from the track header, 0 when unknown
 * @param height      picture height from the track header, 0 when unknown
 * @param codec       sample entry type ({@code avc1}, {@code hvc1}, ...), empty when unknown
 * @param delayMillis how long after its decode time the first picture is shown ({@link PresentationDelay})
 */
public record SegmentCheck(Fault fault, String initDigest, int width, int height, String codec, long delayMillis) {

    /** Why a stored segment cannot be played. Codes are stable: pages and manifests use them. */
    public enum Fault {
        /** The file fails AES-GCM authentication: altered, truncated, swapped or moved. */
        DAMAGED("damaged"),
        /** The index lists the segment but its file is gone (or it was erased meanwhile). */
        MISSING("missing"),
        /** Decrypted, but not a fragmented MP4 the reader understands, or unreadable from disk. */
        UNREADABLE("unreadable");

        private final String code;

        Fault(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public boolean usable() {
        return fault == null;
    }

    static SegmentCheck fault(Fault f) {
        return new SegmentCheck(f, null, 0, 0, "", 0);
    }
}

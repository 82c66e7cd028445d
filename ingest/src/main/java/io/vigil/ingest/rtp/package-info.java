/**
 * Data path stage: RTP packets → in-order packets on a 64-bit timeline. Parses the RFC
 * 3550 header, puts packets back in sequence order (counting losses), unwraps the 32-bit
 * timestamps. Knows nothing of codecs; its one exception, {@link
 * io.vigil.ingest.rtp.RtpParseException}, is what every media parser downstream throws
 * for malformed input. Next stage: {@link io.vigil.ingest.codec}.
 */
package io.vigil.ingest.rtp;

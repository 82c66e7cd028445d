/**
 * The one home of the segment format: what a stored segment's plaintext is (the
 * contract, in {@link io.vigil.storage.format.SegmentFormat}), how its boxes are written
 * ({@link io.vigil.storage.format.BoxWriter}, used by ingest) and read
 * ({@link io.vigil.storage.format.BoxReader}, used by the gateway to join segments).
 * Depends on nothing else in Vigil, so writer and reader share it without sharing
 * anything else.
 */
package io.vigil.storage.format;

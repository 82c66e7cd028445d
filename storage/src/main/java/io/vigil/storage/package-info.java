/**
 * The storage API: everything another module needs of storage, and nothing of how it is
 * done. Ingest appends segments and records gaps through {@link io.vigil.storage.SegmentStore};
 * the access gateway lists, reads and builds timelines through it and writes every access to
 * the {@link io.vigil.storage.Ledger} first; the purge daemon plans by
 * {@link io.vigil.storage.CameraDay} and erases through
 * {@link io.vigil.storage.SegmentStore#eraseCameraDay(io.vigil.storage.CameraDay)} and
 * {@link io.vigil.storage.SegmentStore#eraseSegments}; the server's CLI runs fsck and key
 * re-wrap through {@link io.vigil.storage.StoreMaintenance}. A store is opened with
 * {@link io.vigil.storage.VigilStores#open}.
 *
 * <p>Cameras are named by {@link io.vigil.config.CameraId} throughout this API, never by a
 * bare string: a caller validates an id once where it enters (configuration, URL, CLI) and
 * storage writes its {@code value()} into keys, file names and associated data unchanged.
 *
 * <p>Package rule: no type of this package imports a sub-package, except the factory
 * {@link io.vigil.storage.VigilStores}, which names the one implementation
 * ({@code io.vigil.storage.engine}). Sub-packages depend on this one, never the reverse,
 * and never on each other in a cycle.
 */
package io.vigil.storage;

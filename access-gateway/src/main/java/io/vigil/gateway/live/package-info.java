/**
 * The live wall: monitoring sessions (a purpose for a shift of live viewing, ledgered at
 * start and end with the cameras and why it ended) and the WebSocket that carries a
 * camera's live fMP4 pictures to a tile. The pictures come from ingest's memory through
 * storage's {@link io.vigil.storage.LiveFeeds}; this package never sees ingest.
 */
package io.vigil.gateway.live;

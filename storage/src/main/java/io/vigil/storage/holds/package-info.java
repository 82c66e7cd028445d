/**
 * Legal holds: footage that must not be erased while an investigation or a subject request
 * needs it. A service over the storage API (kept in the {@code holds} record table, every
 * change in the ledger): the gateway places and releases holds, the purge daemon skips held
 * footage. Depends only on {@code io.vigil.storage}.
 */
package io.vigil.storage.holds;

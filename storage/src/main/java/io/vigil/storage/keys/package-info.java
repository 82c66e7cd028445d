/**
 * The keystore: the passphrase-protected file (outside the data directory) holding the
 * master keys that wrap every day key and the server's Ed25519 ledger key. Opened first
 * when a store opens; created and rotated by {@code vigil keys}. Used by the server's CLI
 * and by test fixtures that create a keystore; depends only on {@code io.vigil.storage}.
 */
package io.vigil.storage.keys;

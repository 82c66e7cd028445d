/**
 * Text encoding rules shared by storage's own binary formats (the keystore file, the
 * ledger's canonical entry bytes). Depends on nothing else in storage.
 */
package io.vigil.storage.text;

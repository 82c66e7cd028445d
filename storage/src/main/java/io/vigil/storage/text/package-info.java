/**
 * Text rules shared by storage: the encoding of its own binary formats (the keystore file,
 * the ledger's canonical entry bytes), and {@link io.vigil.storage.text.Reason}, a problem or a
 * cause said as a key of a bundle with its arguments, worded by whoever shows it (the command
 * line, the pages) in the reader's language. Depends on nothing else in storage.
 */
package io.vigil.storage.text;

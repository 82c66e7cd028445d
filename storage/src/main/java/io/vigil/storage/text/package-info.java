/**
 * Text rules shared by storage: the encoding of its own binary formats (the keystore file,
 * the ledger's canonical entry bytes). A problem or a cause said to a person is an API type,
 * {@link io.vigil.storage.Reason}, in the API package: the API names no sub-package.
 * Depends on nothing else in storage.
 */
package io.vigil.storage.text;

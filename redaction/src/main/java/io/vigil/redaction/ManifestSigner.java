package io.vigil.redaction;

/** Signs a release manifest's canonical bytes. The server's is {@link Ed25519ManifestSigner}. */
public interface ManifestSigner {
    /** e.g. "Ed25519". */
    String algorithm();

    /** The public key a recipient checks the signature with (raw 32 bytes for Ed25519). */
    byte[] publicKey();

    byte[] sign(byte[] message);
}

package io.vigil.redaction;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 with the JDK's provider, over the server's ledger key pair
 * ({@code VigilStore.ledgerKeyPair()}): a recipient checks a manifest with the same public
 * key that signs the ledger heads.
 */
public final class Ed25519ManifestSigner implements ManifestSigner {
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    public Ed25519ManifestSigner(KeyPair pair) {
        try {
            // Re-encode through PKCS#8 so a key made by another provider works with the JDK's.
            this.privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the manifest signing key is not an Ed25519 key: " + e.getMessage(), e);
        }
        byte[] x509 = pair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    @Override
    public String algorithm() {
        return "Ed25519";
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the manifest: " + e.getMessage(), e);
        }
    }
}

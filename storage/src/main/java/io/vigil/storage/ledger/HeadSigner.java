package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signs and checks ledger heads with Ed25519. Takes the standard JDK key pair (as the
 * keystore hands it out) and computes with BouncyCastle's lightweight API, which needs no
 * provider registration and verifies a thousand heads in well under a second.
 */
final class HeadSigner {
    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    HeadSigner(KeyPair keyPair) {
        this.privateKey = privateKey(keyPair);
        this.publicKey = rawPublicKey(keyPair.getPublic());
        if (!java.util.Arrays.equals(privateKey.generatePublicKey().getEncoded(), publicKey)) {
            throw new IllegalArgumentException("ledger signing key pair: the public key does not belong to the private key");
        }
    }

    /** The raw 32-byte Ed25519 public key (RFC 8032). */
    byte[] publicKey() {
        return publicKey.clone();
    }

    Ledger.SignedHead sign(long size, byte[] headHash, Instant time) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] message = LedgerCodec.headSignedBytes(size, headHash, time);
        signer.update(message, 0, message.length);
        return new Ledger.SignedHead(size, headHash.clone(), time, signer.generateSignature(), publicKey.clone());
    }

    /** True when the head's signature is valid under {@code trustedPublicKey} (raw 32 bytes). */
    static boolean verify(Ledger.SignedHead head, byte[] trustedPublicKey) {
        if (trustedPublicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            return false;
        }
        return verify(head, new Ed25519PublicKeyParameters(trustedPublicKey, 0));
    }

    /** As above with the key already decoded, so checking many heads decodes the key once. */
    static boolean verify(Ledger.SignedHead head, Ed25519PublicKeyParameters trustedPublicKey) {
        if (head.signature().length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE
                || head.headHash().length != LedgerCodec.HASH_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, trustedPublicKey);
        byte[] message = LedgerCodec.headSignedBytes(head.size(), head.headHash(), head.time());
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(head.signature());
    }

    static byte[] rawPublicKey(PublicKey key) {
        try {
            AsymmetricKeyParameter parameters = PublicKeyFactory.createKey(key.getEncoded());
            if (parameters instanceof Ed25519PublicKeyParameters ed) {
                return ed.getEncoded();
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("ledger signing key is not an Ed25519 public key");
    }

    private static Ed25519PrivateKeyParameters privateKey(KeyPair keyPair) {
        try {
            AsymmetricKeyParameter parameters = PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded());
            if (parameters instanceof Ed25519PrivateKeyParameters ed) {
                return ed;
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("ledger signing key is not an Ed25519 private key");
    }
}

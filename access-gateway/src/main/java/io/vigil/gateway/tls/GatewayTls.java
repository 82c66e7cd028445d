package io.vigil.gateway.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vigil.config.TlsConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's TLS context: the configured certificate, or a self-signed EC (P-256)
 * certificate made on first start and kept in {@code <dataDir>/tls/} so browsers that
 * accepted it once keep trusting it. TLS 1.2 and 1.3 only, JDK provider.
 */
public final class GatewayTls {
    private static final Logger log = LoggerFactory.getLogger(GatewayTls.class);
    public static final String CERT_FILE = "gateway-cert.pem";
    public static final String KEY_FILE = "gateway-key.pem";

    private GatewayTls() {}

    /** Loaded certificate chain and key: also used by tests to trust the self-signed certificate. */
    public record Material(PrivateKey key, List<X509Certificate> chain) {}

    public static SslContext serverContext(Material m) {
        try {
            return SslContextBuilder.forServer(m.key(), m.chain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** The configured certificate, or the self-signed one in {@code tlsDir} (made when absent). */
    public static Material load(TlsConfig config, Path tlsDir, Clock clock) {
        if (config != null && !config.selfSigned()) {
            return read(config.certificateChain(), config.privateKey());
        }
        Path cert = tlsDir.resolve(CERT_FILE), key = tlsDir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            try {
                return read(cert, key);
            } catch (IllegalStateException unreadable) {
                // Our own self-signed pair only (a configured one is never replaced): make a new one.
                log.warn("The self-signed TLS certificate in {} cannot be read ({}); making a new one", tlsDir, unreadable.getMessage());
            }
        }
        return createSelfSigned(tlsDir, clock);
    }

    static Material read(Path certFile, Path keyFile) {
        try {
            List<X509Certificate> chain = new java.util.ArrayList<>();
            try (Reader r = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
                Object o;
                JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
                while ((o = p.readObject()) != null) {
                    if (o instanceof X509CertificateHolder h) chain.add(conv.getCertificate(h));
                }
            }
            if (chain.isEmpty()) throw new IllegalStateException("no certificate found in " + certFile);
            PrivateKey key;
            try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
                Object o = p.readObject();
                JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
                if (o instanceof PEMKeyPair kp) key = conv.getPrivateKey(kp.getPrivateKeyInfo());
                else if (o instanceof PrivateKeyInfo pki) key = conv.getPrivateKey(pki);
                else throw new IllegalStateException("no unencrypted private key found in " + keyFile);
            }
            return new Material(key, chain);
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new IllegalStateException("cannot read TLS certificate " + certFile + " / key " + keyFile + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    static Material createSelfSigned(Path tlsDir, Clock clock) {
        try {
            Files.createDirectories(tlsDir);
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = gen.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=Vigil gateway (self-signed)");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
                    name, kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            // PKCS#8 ("PRIVATE KEY"): carries the curve, so the key reads back on the next start.
            writePem(tlsDir.resolve(KEY_FILE), new JcaPKCS8Generator(kp.getPrivate(), null), true);
            writePem(tlsDir.resolve(CERT_FILE), cert, false);
            log.info("Made a self-signed TLS certificate in {} (configure tls.certificate for a real one)", tlsDir);
            return new Material(kp.getPrivate(), List.of(cert));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a self-signed TLS certificate in " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes via a temporary file created 0600 (key) so the key is never readable by others, even briefly. */
    private static void writePem(Path file, Object object, boolean secret) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (object instanceof org.bouncycastle.util.io.pem.PemObjectGenerator g) w.writeObject(g);
            else w.writeObject(object);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(tmp);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(sw.toString());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

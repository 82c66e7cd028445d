package io.vigil.config;

import java.nio.file.Path;

/**
 * The gateway's certificate. When both are null, a self-signed certificate is made on
 * first start and kept in the data directory.
 */
public record TlsConfig(Path certificateChain, Path privateKey) {
    public boolean selfSigned() {
        return certificateChain == null;
    }
}

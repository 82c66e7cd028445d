package io.vigil.config;

import java.nio.file.Path;

/** The configuration file's directory: relative paths and {@code file:} secrets are read from there. */
record BaseDir(Path dir) {
    Path path(String s) {
        if (s.isBlank()) throw new ConfigValueException("config.empty");
        Path p = Path.of(s);
        return (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize();
    }

    SecretRef secret(String s) {
        return SecretRef.parse(s).resolvedAgainst(dir);
    }
}

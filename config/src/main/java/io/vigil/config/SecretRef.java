package io.vigil.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (camera password, keystore passphrase) comes from: {@code env:NAME} or
 * {@code file:/path}. The secret itself is never held in config objects and never
 * printed: {@link #toString()} shows only where it comes from.
 */
public final class SecretRef {
    public enum Kind { ENV, FILE }

    private final Kind kind;
    private final String location;

    private SecretRef(Kind kind, String location) {
        this.kind = kind;
        this.location = location;
    }

    /** Parses "env:NAME" or "file:/path"; throws IllegalArgumentException saying what is valid. */
    public static SecretRef parse(String spec) {
        if (spec != null && spec.startsWith("env:") && spec.length() > 4) {
            String name = spec.substring(4);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigValueException("config.notEnvName", "value", name);
            }
            return new SecretRef(Kind.ENV, name);
        }
        if (spec != null && spec.startsWith("file:") && spec.length() > 5) {
            return new SecretRef(Kind.FILE, spec.substring(5));
        }
        throw new ConfigValueException("config.notSecretRef");
    }

    public static SecretRef env(String name) {
        return new SecretRef(Kind.ENV, name);
    }

    public static SecretRef file(Path path) {
        return new SecretRef(Kind.FILE, path.toString());
    }

    /** A file reference with a relative path made absolute against {@code base} (the config file's directory). */
    public SecretRef resolvedAgainst(Path base) {
        if (kind != Kind.FILE || base == null || Path.of(location).isAbsolute()) return this;
        return new SecretRef(Kind.FILE, base.resolve(location).normalize().toString());
    }

    public Kind kind() {
        return kind;
    }

    public String location() {
        return location;
    }

    /**
     * Reads the secret now. A trailing newline in a file is dropped. The message of the
     * exception names where the secret was looked for, never its value.
     */
    public char[] resolve() {
        return resolve(System.getenv());
    }

    public char[] resolve(Map<String, String> environment) {
        if (kind == Kind.ENV) {
            String v = environment.get(location);
            if (v == null || v.isEmpty()) {
                throw new SecretUnavailableException(ConfigText.of("config.secret.envNotSet", "name", location));
            }
            return v.toCharArray();
        }
        try {
            String v = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            while (v.endsWith("\n") || v.endsWith("\r")) v = v.substring(0, v.length() - 1);
            if (v.isEmpty()) throw new SecretUnavailableException(ConfigText.of("config.secret.fileEmpty", "file", location));
            return v.toCharArray();
        } catch (IOException e) {
            throw new SecretUnavailableException(ConfigText.of(e instanceof java.nio.file.NoSuchFileException
                    ? "config.secret.fileMissing" : "config.secret.fileUnreadable", "file", location, "detail", e.getClass().getSimpleName()));
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef s && s.kind == kind && s.location.equals(location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, location);
    }
}

package io.vigil.config;

/**
 * One thing wrong in a configuration file: where (line, dotted field path) and what
 * would be valid. Never contains a secret: secrets are only ever references.
 */
public record ConfigProblem(String file, int line, String field, String message) {
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}

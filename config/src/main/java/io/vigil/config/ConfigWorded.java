package io.vigil.config;

import java.util.Map;

/**
 * A refusal of this module that carries its words unworded ({@link ConfigText}): whoever
 * shows it words {@link #key()} and {@link #args()} with {@link ConfigWords} in the reader's
 * language. Implemented by exceptions of different kinds (a bad value, an unavailable secret),
 * which cannot share a superclass.
 */
public interface ConfigWorded {
    ConfigText text();

    /** The key of the config bundles ({@code config.*}). */
    default String key() {
        return text().key();
    }

    /** The key's arguments, in order; never a secret's value. */
    default Map<String, Object> args() {
        return text().args();
    }
}

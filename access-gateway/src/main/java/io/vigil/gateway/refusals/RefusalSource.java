package io.vigil.gateway.refusals;

/**
 * Who caused a refusal, as far as the gateway knows: a signed-in user at an address, or
 * only an address (sign-in attempts, where the name typed proves nothing). Refusals are
 * limited per source.
 *
 * @param actor  the user name, or {@link #NOT_SIGNED_IN}
 * @param client the client address as text
 */
public record RefusalSource(String actor, String client) {
    /** The actor of a summary entry for refusals before anyone signed in. */
    public static final String NOT_SIGNED_IN = "not signed in";

    public RefusalSource {
        if (actor == null) actor = NOT_SIGNED_IN;
        if (client == null) client = "unknown";
    }

    /** A signed-in user's requests from one address. */
    public static RefusalSource user(String username, String client) {
        return new RefusalSource(username, client);
    }

    /** Requests from an address before sign-in (whatever user name they carry). */
    public static RefusalSource address(String client) {
        return new RefusalSource(NOT_SIGNED_IN, client);
    }
}

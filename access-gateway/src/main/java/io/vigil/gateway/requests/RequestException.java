package io.vigil.gateway.requests;

/**
 * A subject-request operation refused, with words for the user: bad input (naming the
 * field), an unknown number, a move the state does not allow, or a person who may not make it.
 */
public final class RequestException extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String field;
    private final String problem;

    private RequestException(Kind kind, String field, String problem, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
        this.problem = problem;
    }

    /** Bad input; the message is "field: problem". */
    static RequestException invalid(String field, String problem) {
        return new RequestException(Kind.INVALID, field, problem, field + ": " + problem);
    }

    static RequestException notFound(String number) {
        return new RequestException(Kind.NOT_FOUND, null, null, "no subject request " + number);
    }

    static RequestException conflict(String message) {
        return new RequestException(Kind.CONFLICT, null, null, message);
    }

    static RequestException forbidden(String message) {
        return new RequestException(Kind.FORBIDDEN, null, null, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field for {@link Kind#INVALID}, else null. */
    public String field() {
        return field;
    }

    /** For {@link Kind#INVALID}: what is wrong with the field, without its name. */
    public String problem() {
        return problem;
    }
}

package io.vigil.redaction;

/**
 * The job was cancelled by the caller ({@link Redactor#redact(RedactionRequest, SegmentSource,
 * ReviewEdits, java.util.function.BooleanSupplier)}): it stopped at the next frame and its
 * partial output is deleted. Not a failure of the footage.
 */
public final class RedactionCancelledException extends RedactionException {
    public RedactionCancelledException(String message) {
        super(message);
    }
}

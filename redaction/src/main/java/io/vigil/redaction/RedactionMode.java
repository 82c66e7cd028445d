package io.vigil.redaction;

/** What a masked copy keeps. */
public enum RedactionMode {
    /**
     * The default and the safe one: everything outside the requester's dilated region is
     * filled, and any other face detected inside that region is masked too.
     */
    KEEP_ONLY_REQUESTER,
    /**
     * For when the place matters to the request: detected faces (and, if enabled, moving
     * regions) are masked, the scene is kept; the requester's region is left as it is.
     */
    MASK_PEOPLE
}

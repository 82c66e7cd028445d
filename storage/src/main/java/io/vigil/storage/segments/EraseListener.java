package io.vigil.storage.segments;

import io.vigil.storage.EraseResult;

/** Told about every completed erase (the assembled store writes a ledger entry for each). */
public interface EraseListener {
    /** @param what "segments" or "camera-day &lt;camera&gt;/&lt;day&gt;" */
    void erased(String what, EraseResult result);
}

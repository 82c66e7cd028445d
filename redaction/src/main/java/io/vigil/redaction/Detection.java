package io.vigil.redaction;

/** One face found in a frame: its box in frame pixels and the detector's confidence (0..1). */
public record Detection(Box box, float score) {}

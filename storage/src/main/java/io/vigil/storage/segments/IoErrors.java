package io.vigil.storage.segments;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns an I/O failure into the short reason an error message or log line names. */
final class IoErrors {
    private IoErrors() {}

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) return "no such file: " + m;
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + (fse.getFile() != null ? " (" + fse.getFile() + ")" : "");
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}

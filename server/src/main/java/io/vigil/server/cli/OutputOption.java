package io.vigil.server.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --out FILE} option of the commands that write a CSV: that file (UTF-8), or standard output without it. */
final class OutputOption {
    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path file;

    /** Writes the output. */
    interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes {@code body} to the file, or to the command's standard output; returns whether it
     * went to a file (the caller then says on standard error what it wrote where).
     */
    boolean write(CommandSpec spec, Body body) throws IOException {
        if (file == null) {
            Writer w = spec.commandLine().getOut();
            body.write(w);
            w.flush();
            return false;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        return true;
    }
}

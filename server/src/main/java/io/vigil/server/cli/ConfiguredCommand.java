package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.i18n.CliText;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of a command that works from the configuration file: {@code --config FILE}, the
 * command's spec (its output streams and language), its options checked before the file is
 * read, and a body given the loaded config. Picocli reads the annotated fields of this
 * superclass too.
 */
abstract class ConfiguredCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    /** Refuses options that do not go together or cannot be read, before the configuration is loaded; none by default. */
    void checkOptions() {
    }

    /** Does the command's work; returns its exit code. */
    abstract int run(VigilConfig cfg) throws Exception;

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        return run(config.load());
    }

    /** The command line's words, in the operator's language. */
    final CliText text() {
        return VigilCommand.text(spec);
    }

    /** Standard output (the caller flushes it when done). */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of a command that works from the configuration file: {@code --config FILE}, the
 * command's spec (its output streams and language), and a body given the loaded config.
 * Picocli reads the annotated fields of this superclass too.
 */
abstract class ConfiguredCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    /** Does the command's work; returns its exit code. */
    abstract int run(VigilConfig cfg) throws Exception;

    @Override
    public final Integer call() throws Exception {
        return run(config.load());
    }
}

package io.vigil.server.cli;

import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that open the store. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
            description = "Vigil configuration file (YAML), e.g. vigil.example.yaml")
    Path file;

    public Path file() {
        return file;
    }

    public VigilConfig load() {
        return ConfigLoader.load(file);
    }
}

package io.vigil.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates the YAML configuration file. Every problem is collected with its
 * line and field before failing, so an operator fixes the file in one pass. Relative paths
 * are resolved against the directory of the file.
 *
 * <p>The work is split by job: {@link YamlSource} reads the text into a tree that keeps
 * lines, {@link ConfigReading} walks the sections (each section's rules in its own reader),
 * {@link ConfigDefaults} holds what an absent setting means.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads and validates a file; throws {@link ConfigException} with every problem. */
    public static VigilConfig load(Path file) {
        String text = YamlSource.read(file);
        return parse(file.toString(), text, file.toAbsolutePath().getParent());
    }

    /** Parses YAML text; {@code baseDir} resolves relative paths. */
    public static VigilConfig parse(String fileName, String text, Path baseDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        YamlMap top = new YamlMap(fileName, "", YamlSource.compose(fileName, text), problems, warnings);
        VigilConfig config = new ConfigReading(top, new BaseDir(baseDir)).read();
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config.withWarnings(warnings);
    }
}

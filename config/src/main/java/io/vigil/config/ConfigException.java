package io.vigil.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; carries every problem found, not just the first. */
public class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ConfigWords.english().text("config.exception", java.util.Map.of("count", problems.size())) + "\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}

package io.vigil.server.cli;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigLoader;
import io.vigil.config.ConfigProblem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", description = "Check a configuration file.", subcommands = ConfigCommand.Check.class,
        mixinStandardHelpOptions = true)
public final class ConfigCommand extends CommandGroup {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Report every problem in FILE (line, field, what is valid), or print a summary when it is valid.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", descriptionKey = "config.check.FILE", description = "the YAML configuration file")
        Path file;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try {
                var out = spec.commandLine().getOut();
                out.print(ConfigSummaryText.render(ConfigLoader.load(file), VigilCommand.text(spec)));
                out.flush();
                return 0;
            } catch (ConfigException e) {
                var err = spec.commandLine().getErr();
                // Each problem names its line and field, and is worded from the config bundles in the operator's language.
                var text = VigilCommand.text(spec);
                err.println(text.t("config.problems", "file", file, "count", e.problems().size()));
                for (ConfigProblem p : e.problems()) err.println("  " + p.in(text.language()));
                err.flush();
                return VigilCommand.EXIT_PROBLEM;
            }
        }
    }
}

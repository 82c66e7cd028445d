package io.vigil.server.cli;

import io.vigil.config.SiteSettings;
import io.vigil.server.i18n.CliText;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code vigil} command. Each subcommand is one class; errors users can cause (bad
 * arguments, bad config, missing keystore, wrong passphrase) print one clear message
 * and a non-zero exit code, never a stack trace. Every word comes from the command
 * line's bundles, in the language {@link CliLanguage} picks before parsing.
 */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        version = "Vigil 0.1.0",
        description = "CCTV retention and access-control server: encrypted footage, 14-day purge, purpose-gated viewing with a tamper-evident ledger.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            ConfigCommand.class,
            UserCommand.class,
            KeysCommand.class,
            FsckCommand.class,
            LedgerCommand.class,
            PurgeCommand.class,
            ExportCommand.class,
            CameraSimCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VigilCommand implements Runnable {
    /** Exit code when the command ran but found a problem (invalid config, tampered ledger, ...). */
    public static final int EXIT_PROBLEM = 1;
    /** Exit code for wrong usage (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private CliText text = CliText.english();

    /** Only validated here: the language was chosen from the arguments before parsing (CliLanguage). */
    @Option(names = "--lang", paramLabel = "LANG", scope = ScopeType.INHERIT, descriptionKey = "lang")
    void language(String value) {
        if (value != null && !SiteSettings.LANGUAGES.contains(value)) {
            throw new KeyedUsageError(spec.commandLine(), "error.lang", "value", value, "valid", String.join(", ", SiteSettings.LANGUAGES));
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The words of the running command line (any command reaches them through its spec). */
    static CliText text(CommandLine.Model.CommandSpec anySpec) {
        return ((VigilCommand) anySpec.root().userObject()).text;
    }

    /** Runs {@code vigil ARGS} in the language {@link CliLanguage} picks for them; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = commandLine(CliLanguage.resolve(args, env));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static CommandLine commandLine(String language) {
        VigilCommand root = new VigilCommand();
        root.text = CliText.of(language);
        CliText text = root.text;
        CommandLine cl = new CommandLine(root);
        cl.setResourceBundle(text.resourceBundle());
        cl.setExecutionExceptionHandler((ex, c, parsed) -> CliFailures.failure(ex, c, text));
        cl.setParameterExceptionHandler((ex, args) -> CliFailures.usage(ex, text));
        return cl;
    }
}

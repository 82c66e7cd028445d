package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.config.ConfigException;
import io.vigil.storage.StorageException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command. Each subcommand is one class; errors users can cause (bad
 * arguments, bad config, missing keystore, wrong passphrase) print one clear message
 * and a non-zero exit code, never a stack trace.
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VigilCommand());
        cl.setExecutionExceptionHandler(VigilCommand::handleFailure);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("vigil: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /** Known failures print their message only; anything else prints its type and message, still without a trace. */
    private static int handleFailure(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ConfigException ce) {
            err.println("vigil: " + ce.getMessage());
        } else if (ex instanceof StorageException || ex instanceof UserFacingException
                || ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            err.println("vigil: " + ex.getMessage());
        } else {
            err.println("vigil: unexpected failure: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.println("(set VIGIL_DEBUG=1 for the stack trace)");
            if (System.getenv("VIGIL_DEBUG") != null) ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_PROBLEM;
    }
}

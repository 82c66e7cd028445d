package io.vigil.server;

import io.vigil.server.cli.VigilCommand;
import picocli.CommandLine;

/** Entry point of the runnable jar: {@code java -jar vigil.jar <subcommand>}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = VigilCommand.commandLine().execute(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}

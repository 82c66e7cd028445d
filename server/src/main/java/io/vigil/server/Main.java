package io.vigil.server;

import io.vigil.server.cli.VigilCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the runnable jar: {@code java -jar vigil.jar <subcommand>}. Output is
 * UTF-8 whatever the locale, so Korean is legible even where LANG says C (--lang ko).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = VigilCommand.execute(args, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }
}

package io.vigil.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the real `vigil` command line in-process and captures what it prints. */
record CliRun(int exit, String out, String err) {
    /** An English locale, so commands without a config speak English whatever the machine's LANG. */
    static final Map<String, String> ENGLISH = Map.of("LANG", "en_US.UTF-8");
    static final Map<String, String> KOREAN = Map.of("LANG", "ko_KR.UTF-8");

    static CliRun of(String... args) {
        return in(ENGLISH, args);
    }

    /** Runs with {@code env} as the environment the language is read from (LANG, LC_ALL, LC_MESSAGES). */
    static CliRun in(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VigilCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new CliRun(code, out.toString(), err.toString());
    }
}

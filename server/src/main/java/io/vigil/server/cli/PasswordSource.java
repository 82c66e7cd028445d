package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a new user's password comes from: a file, an environment variable, or the
 * terminal (asked twice, not echoed). Never a command-line argument, which other users
 * of the machine could read in the process list.
 */
final class PasswordSource {
    private PasswordSource() {}

    static char[] read(Path file, String envName, CliText text) {
        if (file != null) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (s.isEmpty()) throw new UserFacingException("password.fileEmpty", "file", file);
                return s.toCharArray();
            } catch (IOException e) {
                throw new UserFacingException("password.fileUnreadable", "file", file, "reason", e.getClass().getSimpleName());
            }
        }
        if (envName != null) {
            String v = System.getenv(envName);
            if (v == null || v.isEmpty()) throw new UserFacingException("password.envUnset", "name", envName);
            return v.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserFacingException("password.noTerminal");
        }
        char[] first = console.readPassword("%s", text.t("password.prompt"));
        char[] second = console.readPassword("%s", text.t("password.repeat"));
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new UserFacingException("password.differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}

package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
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

    static char[] read(Path file, String envName) {
        if (file != null) {
            try {
                String s = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (s.isEmpty()) throw new UserFacingException("password file " + file + " is empty");
                return s.toCharArray();
            } catch (IOException e) {
                throw new UserFacingException("cannot read password file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (envName != null) {
            String v = System.getenv(envName);
            if (v == null || v.isEmpty()) throw new UserFacingException("environment variable " + envName + " is not set");
            return v.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new UserFacingException("no terminal to ask for the password: use --password-file FILE or --password-env NAME");
        }
        char[] first = console.readPassword("New password (at least 12 characters): ");
        char[] second = console.readPassword("Repeat it: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new UserFacingException("the two passwords differ; nothing was changed");
        }
        Arrays.fill(second, '\0');
        return first;
    }
}

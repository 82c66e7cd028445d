package io.vigil.server.cli;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigProblem;
import io.vigil.config.ConfigValueException;
import io.vigil.config.ConfigWords;
import io.vigil.gateway.accounts.AccountChangeRefused;
import io.vigil.gateway.i18n.Messages;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.StorageException;
import io.vigil.storage.StorageWords;
import io.vigil.storage.keys.KeystoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns what went wrong into one clear message in the operator's language, never a stack
 * trace: picocli's parse errors (unknown option, missing option or value, bad value) get
 * the bundle's words naming the option and value; failures while a command runs print
 * their own words (keyed exceptions) or a translated frame around a lower layer's text.
 */
final class CliFailures {
    private CliFailures() {}

    /** A usage error: what is wrong, picocli's suggestions, and where help is. Exit {@link VigilCommand#EXIT_USAGE}. */
    static int usage(ParameterException ex, CliText text) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("vigil: " + describe(ex, text));
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println(text.t("error.suggestions", "suggestions", String.join(", ", u.getSuggestions())));
        }
        err.println(text.t("error.tryHelp", "command", ex.getCommandLine().getCommandSpec().qualifiedName()));
        err.flush();
        return VigilCommand.EXIT_USAGE;
    }

    static String describe(ParameterException ex, CliText text) {
        if (ex instanceof KeyedUsageError keyed) return keyed.in(text);
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> args = u.getUnmatched();
            return u.isUnknownOption()
                    ? text.t("error.unknownOption", "option", args.isEmpty() ? "" : args.get(0))
                    : text.t("error.unmatched", "args", String.join(" ", args));
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            String what = m.getMissing().stream().map(CliFailures::name).collect(Collectors.joining(", "));
            boolean valueMissing = String.valueOf(m.getMessage()).startsWith("Missing required parameter for");
            return text.t(valueMissing ? "error.missingValue" : "error.missing", "what", what);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            return text.t("error.overwritten", "option", name(o.getOverwritten()));
        }
        if (ex.getArgSpec() != null && ex.getValue() != null) {
            return text.t("error.invalidValue", "what", name(ex.getArgSpec()), "value", ex.getValue());
        }
        return text.t("error.usage", "detail", ex.getMessage());
    }

    /** An option by its longest name and its value's label ({@code --config=FILE}), a parameter by its label. */
    private static String name(ArgSpec arg) {
        if (arg instanceof OptionSpec o) return o.longestName() + (o.arity().max() > 0 ? "=" + o.paramLabel() : "");
        return arg.paramLabel();
    }

    /** The keystore's common failures in the operator's words; the rest inside a translated frame. */
    private static String keystore(KeystoreException e, CliText text) {
        Object file = e.file().map(Object::toString).orElse("");
        return switch (e.reason()) {
            case WRONG_PASSPHRASE -> text.t("error.keystoreWrongPassphrase", "file", file);
            case CORRUPTED -> text.t("error.keystoreCorrupted", "file", file, "detail", e.detail().orElse(""));
            case EXISTS -> text.t("error.keystoreExists", "file", file);
            case WEAK_PASSPHRASE -> text.t("error.keystoreWeakPassphrase", "min", io.vigil.storage.keys.Keystore.MIN_PASSPHRASE_LENGTH);
            case OTHER -> text.t("error.keystore", "detail", storageWords(e, text));
        };
    }

    /** A store failure in the operator's words when storage says it as a key of its bundles; else its message. */
    private static String storageWords(StorageException e, CliText text) {
        return e.why().map(r -> StorageWords.of(text.language(), null).text(r)).orElse(e.getMessage());
    }

    /** A failure while a command ran. Exit {@link VigilCommand#EXIT_PROBLEM}. */
    static int failure(Exception ex, CommandLine cl, CliText text) {
        PrintWriter err = cl.getErr();
        if (ex instanceof UserFacingException u) {
            err.println("vigil: " + u.in(text));
        } else if (ex instanceof AccountChangeRefused refused) {
            err.println("vigil: " + Messages.get().format(text.language(), refused.key(), refused.params()));
        } else if (ex instanceof ConfigException ce) {
            err.println("vigil: " + text.t("error.config", "count", ce.problems().size()));
            for (ConfigProblem p : ce.problems()) err.println("  - " + p.in(text.language()));
        } else if (ex instanceof KeystoreException ke) {
            err.println("vigil: " + keystore(ke, text));
        } else if (ex instanceof StorageException) {
            err.println("vigil: " + text.t("error.storage", "detail", storageWords((StorageException) ex, text)));
        } else if (ex instanceof ConfigValueException v) {
            err.println("vigil: " + ConfigWords.of(text.language()).text(v.key(), v.args()));
        } else if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
            err.println("vigil: " + ex.getMessage());
        } else {
            err.println("vigil: " + text.t("error.unexpected", "type", ex.getClass().getSimpleName(), "detail", ex.getMessage()));
            err.println(text.t("error.debugHint"));
            if (System.getenv("VIGIL_DEBUG") != null) ex.printStackTrace(err);
        }
        err.flush();
        return VigilCommand.EXIT_PROBLEM;
    }
}

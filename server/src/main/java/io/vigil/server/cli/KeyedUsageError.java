package io.vigil.server.cli;

import io.vigil.server.i18n.CliText;
import java.util.Map;
import picocli.CommandLine;

/** A bad option value found by a command itself (a port out of range): a usage error, worded from the bundles. */
final class KeyedUsageError extends CommandLine.ParameterException {
    private final String key;
    private final Map<String, Object> params;

    KeyedUsageError(CommandLine commandLine, String key, Object... nameValuePairs) {
        super(commandLine, CliText.english().t(key, nameValuePairs));
        this.key = key;
        this.params = CliText.params(nameValuePairs);
    }

    String in(CliText text) {
        return text.format(key, params);
    }
}

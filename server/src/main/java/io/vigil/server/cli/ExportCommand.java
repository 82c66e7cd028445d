package io.vigil.server.cli;

import io.vigil.gateway.export.ExportVerifier;
import io.vigil.gateway.export.VerifyResult;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Check exported clips offline; give out the key that signs them.",
        subcommands = {ExportCommand.Verify.class, ExportCommand.Key.class})
public final class ExportCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an export's signed manifest and the SHA-256 of its clips, without the server. "
                    + "Prints the fingerprint of the key that signed it; with --key, also that it is the key you expect.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", descriptionKey = "export.verify.FILE", description = "the exported .zip (clips, manifest.json, manifest.sig)")
        Path file;

        @Option(names = "--key", paramLabel = "KEYFILE",
                description = "the public key the export must be signed with (PEM from 'vigil export key', base64 or DER)")
        Path key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            CliText text = VigilCommand.text(spec);
            if (!Files.isRegularFile(file)) throw new UserFacingException("error.noSuchFile", "file", file);
            PublicKey expected = key == null ? null : PublicKeyFile.read(key, "--key");
            VerifyResult r = ExportVerifier.verify(file, expected);
            if (r.ok()) {
                out.println(text.t(expected == null ? "export.verifies" : "export.verifiesWithKey", "file", file));
            } else {
                out.println(text.t("export.doesNotVerify", "file", file));
                // The verifier's problems, worded from the web bundles in the operator's language; they name manifest fields and clip files.
                for (String p : r.problems(text.language())) out.println("  - " + p);
            }
            out.println("  " + text.t("export.fingerprint", "fingerprint",
                    r.signerFingerprint().isEmpty() ? text.t("export.fingerprintUnknown") : r.signerFingerprint()));
            if (expected == null) {
                out.println("  " + text.t("export.compareFingerprint"));
            }
            r.manifest().forEach((k, v) -> out.println("  " + k + ": " + v));
            r.footage(text.language()).forEach(line -> out.println("  " + line));
            out.flush();
            return r.ok() ? 0 : VigilCommand.EXIT_PROBLEM;
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Print (or write with --out) the public key that signs exports, as PEM, with its fingerprint, "
                    + "to hand to whoever receives exports (e.g. the police) over a channel they trust.")
    static final class Key extends PublicKeyPrint {
        @Override
        String writtenKey() {
            return "export.keyWritten";
        }
    }
}

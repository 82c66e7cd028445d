package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.gateway.export.ExportVerifier;
import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.gateway.export.VerifyResult;
import io.vigil.server.StoreOpener;
import io.vigil.server.UserFacingException;
import io.vigil.storage.keys.Keystore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Check exported clips offline; give out the key that signs them.",
        subcommands = {ExportCommand.Verify.class, ExportCommand.Key.class})
public final class ExportCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an export's signed manifest and the SHA-256 of its clips, without the server. "
                    + "Prints the fingerprint of the key that signed it; with --key, also that it is the key you expect.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the exported .zip (clips, manifest.json, manifest.sig)")
        Path file;

        @Option(names = "--key", paramLabel = "KEYFILE",
                description = "the public key the export must be signed with (PEM from 'vigil export key', base64 or DER)")
        Path key;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(file)) throw new UserFacingException(file + ": no such file");
            PublicKey expected = key == null ? null : readKey(key);
            VerifyResult r = ExportVerifier.verify(file, expected);
            if (r.ok()) {
                out.println(file + ": export verifies (signature valid, " + (expected == null ? "" : "signed by the expected key, ")
                        + "every clip's SHA-256 matches).");
            } else {
                out.println(file + ": EXPORT DOES NOT VERIFY");
                for (String p : r.problems()) out.println("  - " + p);
            }
            out.println("  signing key fingerprint (SHA-256): " + (r.signerFingerprint().isEmpty() ? "unknown" : r.signerFingerprint()));
            if (expected == null) {
                out.println("  (compare it with the fingerprint the hospital gave you, or pass --key with its public key file)");
            }
            r.manifest().forEach((k, v) -> out.println("  " + k + ": " + v));
            r.footage().forEach(line -> out.println("  " + line));
            out.flush();
            return r.ok() ? 0 : VigilCommand.EXIT_PROBLEM;
        }

        private static PublicKey readKey(Path file) {
            if (!Files.isRegularFile(file)) throw new UserFacingException(file + ": no such key file (--key)");
            try {
                return KeyFingerprint.read(file);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(e.getMessage() + " (--key)");
            } catch (IOException e) {
                throw new UserFacingException(file + ": cannot be read (--key): " + e.getMessage());
            }
        }
    }

    @Command(name = "key", mixinStandardHelpOptions = true,
            description = "Print (or write with --out) the public key that signs exports, as PEM, with its fingerprint, "
                    + "to hand to whoever receives exports (e.g. the police) over a channel they trust.")
    static final class Key implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--out", paramLabel = "FILE", description = "write the PEM to this file (never overwrites one)")
        Path outFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            Path target = outFile;
            VigilConfig cfg = config.load();
            Keystore ks = StoreOpener.withPassphrase(cfg, pass -> Keystore.open(cfg.keystore(), pass));
            PublicKey pub = ks.ledgerKeyPair().getPublic();
            String pem = KeyFingerprint.pem(pub);
            if (target == null) {
                out.print(pem);
            } else {
                if (Files.exists(target)) throw new UserFacingException(target + " already exists; choose another --out");
                try {
                    Files.writeString(target, pem, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new UserFacingException(target + ": cannot be written (--out): " + e.getMessage());
                }
                out.println("Wrote the export signing key to " + target + ".");
            }
            out.println("Fingerprint (SHA-256): " + KeyFingerprint.of(pub));
            out.flush();
            return 0;
        }
    }
}

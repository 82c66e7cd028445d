package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.gateway.export.ExportVerifier;
import io.vigil.gateway.export.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Check exported clips offline.",
        subcommands = ExportCommand.Verify.class)
public final class ExportCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an export's signed manifest and the SHA-256 of its clip, without the server.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the exported .zip (clip.mp4, manifest.json, manifest.sig)")
        Path file;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) throw new UserFacingException(file + ": no such file");
            VerifyResult r = ExportVerifier.verify(file, null);
            if (r.ok()) {
                System.out.println(file + ": export verifies (signature valid, clip SHA-256 matches).");
            } else {
                System.out.println(file + ": EXPORT DOES NOT VERIFY");
                for (String p : r.problems()) System.out.println("  - " + p);
            }
            r.manifest().forEach((k, v) -> System.out.println("  " + k + ": " + v));
            return r.ok() ? 0 : VigilCommand.EXIT_PROBLEM;
        }
    }
}

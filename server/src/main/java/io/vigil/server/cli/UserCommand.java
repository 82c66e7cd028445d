package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.server.StoreOpener;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = UserCommand.Add.class)
public final class UserCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user with a role and per-camera grants. There is no default account or password.")
    static final class Add implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "NAME", description = "login name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "security-staff, privacy-manager, privacy-officer or administrator")
        String role;

        @Option(names = "--cameras", split = ",", paramLabel = "ID",
                description = "camera ids this user may see (comma separated), or 'all'")
        List<String> cameras = new ArrayList<>();

        @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from FILE")
        Path passwordFile;

        @Option(names = "--password-env", paramLabel = "NAME", description = "read the password from environment variable NAME")
        String passwordEnv;

        @Override
        public Integer call() {
            Role r;
            try {
                r = Role.fromConfigName(role);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("--role: " + e.getMessage());
            }
            VigilConfig cfg = config.load();
            List<String> cams = cameras.size() == 1 && cameras.get(0).equals("all")
                    ? cfg.cameras().stream().map(c -> c.id()).toList()
                    : cameras;
            for (String c : cams) {
                if (cfg.camera(c) == null) {
                    throw new UserFacingException("--cameras: '" + c + "' is not a camera in " + config.file()
                            + " (known: " + String.join(", ", cfg.cameras().stream().map(x -> x.id()).toList()) + ")");
                }
            }
            char[] password = PasswordSource.read(passwordFile, passwordEnv);
            try (VigilStore store = StoreOpener.open(cfg)) {
                new AccountService(store, Clock.systemUTC()).addUser(name, r, cams, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("Added user " + name + " (" + r.configName() + ")" + (cams.isEmpty() ? "" : " with cameras " + String.join(",", cams)) + ".");
            return 0;
        }
    }
}

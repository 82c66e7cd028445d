package io.vigil.server.cli;

import io.vigil.config.CameraId;
import io.vigil.server.UserFacingException;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.accounts.AccountAdministration;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.SessionService;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil user add|list|disable|enable|remove|passwd|cameras}: the command-line side
 * of account administration. Each change is ledgered like the web's, the actor being
 * {@code cli:<operating-system user>} (the command runs on the server with the keystore
 * passphrase, so the operator is whoever runs it). Cameras an account did not hold are
 * proposed, never granted: a privacy officer approves them on the web's Camera approvals page.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage accounts (every change is ledgered).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Disable.class, UserCommand.Enable.class,
                UserCommand.Remove.class, UserCommand.Passwd.class, UserCommand.Cameras.class})
public final class UserCommand extends CommandGroup {

    /** Who made a command-line change, as the ledger names them. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    /** Opens the store, runs one account change, turns a refusal into the command's error message. */
    static <T> T withAdministration(VigilConfig cfg, Function<AccountAdministration, T> change) {
        try (VigilStore store = StoreOpener.open(cfg)) {
            Clock clock = Clock.systemUTC();
            AccountAdministration admin = new AccountAdministration(new AccountService(store, clock), new SessionService(store, clock),
                    store.ledger(), clock, id -> cfg.camera(id) != null);
            // A refusal (AccountChangeRefused) carries its key of the web bundles: CliFailures words it.
            return change.apply(admin);
        }
    }

    /** Camera ids as the command prints them: "cam-01,cam-02". */
    static String ids(List<CameraId> cameras) {
        return String.join(",", cameras.stream().map(CameraId::value).toList());
    }

    /**
     * The {@code --cameras} argument checked where it enters: 'all', or ids that each name a
     * configured camera (a malformed id names none); passed on as {@link CameraId}s.
     */
    static List<CameraId> cameraIds(VigilConfig cfg, ConfigOption config, List<String> cameras) {
        if (cameras.size() == 1 && cameras.get(0).equals("all")) return cfg.cameraIds();
        List<CameraId> cams = new ArrayList<>();
        for (String c : cameras) {
            if (cfg.camera(c) == null) {
                throw new UserFacingException("user.unknownCamera", "camera", c, "file", config.file(),
                        "known", String.join(", ", cfg.cameras().stream().map(x -> x.id().value()).toList()));
            }
            cams.add(CameraId.of(c));
        }
        return cams;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user with a role. Cameras given are proposed; a privacy officer approves them. There is no default account or password.")
    static final class Add extends OneAccountChange {
        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "security-staff, privacy-manager, privacy-officer or administrator")
        String role;

        @Option(names = "--cameras", split = ",", paramLabel = "ID",
                description = "camera ids to propose for this user (comma separated), or 'all'")
        List<String> cameras = new ArrayList<>();

        @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from FILE")
        Path passwordFile;

        @Option(names = "--password-env", paramLabel = "NAME", description = "read the password from environment variable NAME")
        String passwordEnv;

        /** The --role option, read. */
        private Role r;

        @Override
        void checkOptions() {
            try {
                r = Role.fromConfigName(role);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("user.unknownRole", "role", role,
                        "valid", java.util.Arrays.stream(Role.values()).map(Role::configName).collect(java.util.stream.Collectors.joining(", ")));
            }
        }

        @Override
        String change(VigilConfig cfg) {
            List<CameraId> cams = cameraIds(cfg, config, cameras);
            char[] password = PasswordSource.read(passwordFile, passwordEnv, text());
            try {
                withAdministration(cfg, a -> a.add(actor(), name, r, cams, password, null));
            } finally {
                Arrays.fill(password, '\0');
            }
            CliText text = text();
            return cams.isEmpty() ? text.t("user.added", "name", name, "role", r.configName())
                    : text.t("user.addedWithCameras", "name", name, "role", r.configName(), "cameras", ids(cams));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts with role, cameras and state.")
    static final class ListUsers extends ConfiguredCommand {
        @Override
        int run(VigilConfig cfg) {
            List<Account> all;
            try (VigilStore store = StoreOpener.open(cfg)) {
                all = new AccountService(store, Clock.systemUTC()).list();
            }
            CliText text = text();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {text.t("user.list.user"), text.t("user.list.role"), text.t("user.list.state"), text.t("user.list.cameras")});
            for (Account a : all) {
                String state = text.t(a.disabled() ? "user.state.disabled" : a.mustChangePassword() ? "user.state.otp" : "user.state.active");
                String cams = a.cameras().isEmpty() ? "-" : ids(a.cameras());
                if (a.proposal() != null) {
                    cams += " " + text.t("user.list.proposed", "cameras", ids(a.proposal().cameras()), "by", a.proposal().proposedBy());
                }
                rows.add(new String[] {a.username(), a.role().configName(), state, cams});
            }
            out().print(TextColumns.render(rows));
            out().flush();
            return 0;
        }
    }

    /**
     * The shape every single-account change shares (add, disable, enable, remove, passwd, cameras):
     * a config, the account's name, one change through {@link #withAdministration}, and one
     * message for the operator. Picocli reads the annotated fields of this superclass too.
     */
    abstract static class OneAccountChange extends ConfiguredCommand {
        @Parameters(paramLabel = "NAME", descriptionKey = "user.NAME", description = "login name")
        String name;

        /** Makes the change and returns what to tell the operator. */
        abstract String change(VigilConfig cfg);

        @Override
        final int run(VigilConfig cfg) {
            String message = change(cfg);
            out().println(message);
            out().flush();
            return 0;
        }

        /** Makes a change that returns nothing to show, and says {@code doneKey} about the account. */
        final String changeAndSay(VigilConfig cfg, String doneKey, Consumer<AccountAdministration> change) {
            withAdministration(cfg, a -> {
                change.accept(a);
                return null;
            });
            return text().t(doneKey, "name", name);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account: sign-in refused, open sessions end.")
    static final class Disable extends OneAccountChange {
        @Override
        String change(VigilConfig cfg) {
            return changeAndSay(cfg, "user.disabled", a -> a.disable(actor(), name, null));
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled account again.")
    static final class Enable extends OneAccountChange {
        @Override
        String change(VigilConfig cfg) {
            return changeAndSay(cfg, "user.enabled", a -> a.enable(actor(), name, null));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account (the ledger keeps its name).")
    static final class Remove extends OneAccountChange {
        @Override
        String change(VigilConfig cfg) {
            return changeAndSay(cfg, "user.removed", a -> a.remove(actor(), name, null));
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Reset a password: prints a one-time password the user must change at the next sign-in.")
    static final class Passwd extends OneAccountChange {
        @Override
        String change(VigilConfig cfg) {
            String otp = withAdministration(cfg, a -> a.resetPassword(actor(), name, null));
            return text().t("user.otp", "name", name) + System.lineSeparator() + otp;
        }
    }

    @Command(name = "cameras", mixinStandardHelpOptions = true,
            description = "Set an account's cameras: those left out are taken away now, new ones are proposed for a privacy officer's approval.")
    static final class Cameras extends OneAccountChange {
        @Option(names = "--cameras", split = ",", required = true, paramLabel = "ID",
                description = "the complete list of cameras (comma separated), 'all', or 'none'")
        List<String> cameras = new ArrayList<>();

        @Override
        String change(VigilConfig cfg) {
            List<CameraId> cams = cameras.size() == 1 && cameras.get(0).equals("none") ? List.of() : cameraIds(cfg, config, cameras);
            Account after = withAdministration(cfg, a -> a.setCameras(actor(), name, cams, null));
            CliText text = text();
            String holds = after.cameras().isEmpty() ? text.t("user.holdsNone", "name", name)
                    : text.t("user.holds", "name", name, "cameras", ids(after.cameras()));
            return after.proposal() == null ? holds
                    : holds + " " + text.t("user.proposedForApproval", "cameras", ids(after.proposal().cameras()));
        }
    }
}

package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import io.vigil.server.StoreOpener;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Everything on one machine: N synthetic cameras served over RTSP on loopback, Vigil
 * pulling and recording them into an embedded data directory, the viewer on
 * https://127.0.0.1:8443/, and three logins with random passwords printed once and kept
 * (owner-only) under demo-data/secrets/ so a re-run prints them again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything here: simulated cameras, embedded data directory, the web viewer; prints the logins.")
public final class DemoCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", defaultValue = "demo-data", description = "where the demo keeps its data (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--cameras", defaultValue = "16", description = "number of simulated cameras, 1..64 (default ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port of the viewer (default ${DEFAULT-VALUE})")
    int httpsPort;

    @Option(names = "--camera-port", defaultValue = "8554", description = "RTSP port of the simulated cameras (default ${DEFAULT-VALUE})")
    int cameraPort;

    @Override
    public Integer call() throws Exception {
        if (cameras < 1 || cameras > 64) throw new UserFacingException("--cameras: " + cameras + " is out of range (1..64)");
        checkPort("--port", httpsPort, spec);
        checkPort("--camera-port", cameraPort, spec);
        Path root = dir.toAbsolutePath().normalize();
        Path secrets = root.resolve("secrets");
        Files.createDirectories(secrets);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
        Path passFile = secrets.resolve("keystore.pass");
        if (!Files.exists(passFile)) writeSecret(passFile, randomSecret(32));

        CameraSimHost sim;
        try {
            sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", cameraPort), cameras,
                    CameraSimulator.Mode.LIVE, SimSettings.LIVE, Clock.systemUTC());
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new UserFacingException("port " + cameraPort + " is already in use by another program; the simulated cameras' "
                        + "RTSP server wanted it; choose another with --camera-port");
            }
            throw e;
        }
        try (sim) {
            Path configFile = root.resolve("vigil-demo.yaml");
            Files.writeString(configFile, DemoConfigYaml.render(sim.cameraIds(), sim::url, httpsPort), StandardCharsets.UTF_8);
            VigilConfig config = ConfigLoader.load(configFile);
            if (!Files.exists(config.keystore())) {
                StoreOpener.withPassphrase(config, pass -> Keystore.create(config.keystore(), pass));
            }
            VigilServer server;
            try {
                server = VigilServer.start(config);
            } catch (RuntimeException e) {
                if (e.getCause() instanceof BindException || e instanceof io.netty.channel.ChannelException) {
                    throw new UserFacingException("port " + httpsPort + " is already in use by another program; the web viewer (HTTPS) "
                            + "wanted it; choose another with --port");
                }
                throw e;
            }
            try (server) {
                Map<String, String> logins = ensureLogins(server, config, secrets.resolve("logins.txt"));
                printBanner(server, config, configFile, root, sim, logins);
                server.awaitShutdown();
            }
        }
        return 0;
    }

    /** A bad port is a bad option: refused before anything starts, like picocli's own errors. */
    static void checkPort(String option, int port, picocli.CommandLine.Model.CommandSpec spec) {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + port + " is not a port (0..65535; 0 picks a free one)");
        }
    }

    /** The demo accounts; created with random passwords on the first run, then read back. */
    private Map<String, String> ensureLogins(VigilServer server, VigilConfig config, Path file) throws IOException {
        Map<String, String> logins = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] kv = line.split(" ", 2);
                if (kv.length == 2) logins.put(kv[0], kv[1]);
            }
        }
        AccountService accounts = new AccountService(server.store(), Clock.systemUTC());
        List<String> all = config.cameras().stream().map(c -> c.id()).toList();
        record Demo(String name, Role role, List<String> cameras) {}
        List<Demo> wanted = List.of(
                new Demo("guard", Role.SECURITY_STAFF, all),
                new Demo("officer", Role.PRIVACY_OFFICER, List.of()),
                new Demo("manager", Role.PRIVACY_MANAGER, all),
                new Demo("admin", Role.ADMINISTRATOR, List.of()));
        List<String> lines = new ArrayList<>();
        for (Demo d : wanted) {
            if (accounts.find(d.name()).isEmpty()) {
                String pw = randomSecret(16);
                accounts.addUser(d.name(), d.role(), d.cameras(), pw.toCharArray());
                logins.put(d.name(), pw);
            }
            if (logins.containsKey(d.name())) lines.add(d.name() + " " + logins.get(d.name()));
        }
        writeSecret(file, String.join("\n", lines) + "\n");
        return logins;
    }

    private static void printBanner(VigilServer server, VigilConfig config, Path configFile, Path root, CameraSimHost sim,
                                    Map<String, String> logins) {
        StringBuilder b = new StringBuilder();
        b.append("\n  Vigil demo is running.\n\n");
        b.append("  Viewer:   ").append(server.viewerUrl()).append("   (self-signed certificate: accept it in the browser)\n");
        b.append("  Logins:   (random passwords, also in ").append(root.resolve("secrets/logins.txt")).append(")\n");
        Map<String, String> what = Map.of("guard", "security staff, watches footage", "officer", "privacy officer, audits the ledger",
                "manager", "privacy manager, subject requests and holds", "admin", "administrator, users and health");
        logins.forEach((user, pw) -> b.append(String.format("    %-8s %-18s %s%n", user, pw, what.getOrDefault(user, ""))));
        b.append("  Cameras:  ").append(sim.cameraIds().size()).append(" simulated, ").append(sim.url("cam01")).append(" ...\n");
        b.append("  Data:     ").append(config.dataDir()).append(" (encrypted), keystore ").append(config.keystore()).append('\n');
        b.append("  Config:   ").append(configFile).append('\n');
        b.append("  Stop:     Ctrl-C (footage stays; run again to continue, delete ").append(root).append(" to start over)\n");
        System.out.println(b);
        System.out.flush();
    }

    static String randomSecret(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return s.toString();
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

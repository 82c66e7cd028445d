package io.vigil.server.cli;

import io.vigil.config.CameraId;
import io.vigil.server.UserFacingException;
import io.vigil.server.StoreOpener;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.VigilServer;
import io.vigil.server.i18n.CliText;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo-data", description = "where the demo keeps its data (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "16", description = "number of simulated cameras, 1..64 (default ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443", description = "HTTPS port of the viewer (default ${DEFAULT-VALUE})")
    int httpsPort;

    @Option(names = "--camera-port", paramLabel = "PORT", defaultValue = "8554", description = "RTSP port of the simulated cameras (default ${DEFAULT-VALUE})")
    int cameraPort;

    @Override
    public Integer call() throws Exception {
        CliText text = VigilCommand.text(spec);
        if (cameras < 1 || cameras > 64) {
            throw new KeyedUsageError(spec.commandLine(), "error.outOfRange", "option", "--cameras", "value", cameras, "range", "1..64");
        }
        checkPort("--port", httpsPort, spec);
        checkPort("--camera-port", cameraPort, spec);
        // Both ports are checked before anything starts or is written.
        FreePorts.require(new InetSocketAddress("127.0.0.1", cameraPort), text.t("port.what.simulator"),
                text.t("port.change.option", "option", "--camera-port"));
        FreePorts.require(new InetSocketAddress("127.0.0.1", httpsPort), text.t("port.what.https"),
                text.t("port.change.option", "option", "--port"));
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
                throw new UserFacingException("error.portInUse", "port", cameraPort, "address", "127.0.0.1:" + cameraPort,
                        "what", text.t("port.what.simulator"), "change", text.t("port.change.option", "option", "--camera-port"));
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
                    throw new UserFacingException("error.portInUse", "port", httpsPort, "address", "127.0.0.1:" + httpsPort,
                            "what", text.t("port.what.https"), "change", text.t("port.change.option", "option", "--port"));
                }
                throw e;
            }
            try (server) {
                Map<String, String> logins = ensureLogins(server, config, secrets.resolve("logins.txt"));
                PrintWriter out = spec.commandLine().getOut();
                out.println(DemoBanner.render(text, server.viewerUrl(), config, configFile, root, sim, logins));
                out.flush();
                server.awaitShutdown();
            }
        }
        return 0;
    }

    /** A bad port is a bad option: refused before anything starts, like picocli's own errors. */
    static void checkPort(String option, int port, picocli.CommandLine.Model.CommandSpec spec) {
        if (port < 0 || port > 65535) {
            throw new KeyedUsageError(spec.commandLine(), "error.notAPort", "option", option, "value", port);
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
        List<CameraId> all = config.cameraIds();
        record Demo(String name, Role role, List<CameraId> cameras) {}
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

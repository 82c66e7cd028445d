package io.vigil.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            dataDir: data
            keystore:
              path: keys/keystore.vks
              passphrase: env:VIGIL_PASS
            cameras:
              - id: cam01
                name: Entrance
                location: Lobby
                url: rtsp://127.0.0.1:8554/cam01
            """;

    private static List<ConfigProblem> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml, Path.of("/etc/vigil")));
        return e.problems();
    }

    private static ConfigProblem only(List<ConfigProblem> ps, String field) {
        return ps.stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem for " + field + " in " + ps));
    }

    @Test
    void shippedExampleDescribesTheHospitalOfThePolicy() {
        VigilConfig c = ConfigLoader.load(Path.of("..", "vigil.example.yaml"));
        assertEquals(16, c.cameras().size());
        assertEquals(14, c.retention().days());
        assertEquals(14, c.retention().legalMaximumDays());
        assertEquals(Duration.ofMinutes(10), c.retention().purgeInterval());
        assertEquals(Duration.ofSeconds(2), c.segmentDuration());
        assertEquals(SecretRef.env("VIGIL_KEYSTORE_PASSPHRASE"), c.keystorePassphrase());
        assertTrue(c.allowedNetworks().containsKey(Role.SECURITY_STAFF));
        assertEquals(CameraConfig.Source.PUSH, c.camera("cam16").source());
        String summary = ConfigSummary.render(c);
        assertTrue(summary.contains("14 days"), summary);
        assertTrue(summary.contains("cam16"), summary);
        assertTrue(summary.contains("Kiosk:       subjects' viewings only from 10.21.9.0/28"), summary);
        assertTrue(summary.lines().count() < 40, "summary fits one screen");
    }

    @Test
    void defaultsAndRelativePathsResolveAgainstTheFile() {
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertEquals(Path.of("/etc/vigil/data"), c.dataDir());
        assertEquals(Path.of("/etc/vigil/keys/keystore.vks"), c.keystore());
        assertEquals(14, c.retention().days());
        assertEquals(Transport.TCP, c.cameras().get(0).transport());
        assertTrue(c.tls().selfSigned());
        VigilConfig f = ConfigLoader.parse("t.yaml", MINIMAL.replace("env:VIGIL_PASS", "file:secrets/pass"), Path.of("/etc/vigil"));
        assertEquals(SecretRef.file(Path.of("/etc/vigil/secrets/pass")), f.keystorePassphrase());
    }

    @Test
    void policySectionNamesThePeopleAndPlacesAndIsValidated() {
        VigilConfig none = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertNull(none.policy().officer(), "no section: the page says what is missing");
        VigilConfig c = ConfigLoader.parse("t.yaml", """
                policy:
                  officer: {name: 허신영, position: 상담실, contact: 031-625-8596}
                  manager: {name: 이빈나}
                  storagePlace: 병원 서버실
                  enacted: 2022-12-15
                """ + MINIMAL.replace("location: Lobby", "location: Lobby\n    range: the lobby and its doors"), Path.of("/etc/vigil"));
        assertEquals(new PolicyConfig.Person("허신영", "상담실", "031-625-8596"), c.policy().officer());
        assertEquals(new PolicyConfig.Person("이빈나", null, null), c.policy().manager());
        assertEquals("병원 서버실", c.policy().storagePlace());
        assertEquals(java.time.LocalDate.of(2022, 12, 15), c.policy().enacted());
        assertEquals("the lobby and its doors", c.cameras().get(0).range());
        List<ConfigProblem> ps = problems("""
                policy:
                  officer: {position: 상담실, contact: call me}
                  enacted: 15.12.2022
                  storagePlace: "two\\nlines"
                  owner: someone
                """ + MINIMAL);
        assertTrue(only(ps, "policy.officer.name").message().contains("officer"), ps.toString());
        assertTrue(only(ps, "policy.officer.contact").message().contains("telephone"), ps.toString());
        assertEquals(3, only(ps, "policy.enacted").line());
        assertTrue(only(ps, "policy.enacted").message().contains("YYYY-MM-DD"), ps.toString());
        assertTrue(only(ps, "policy.storagePlace").message().contains("one line"), ps.toString());
        assertTrue(only(ps, "policy.owner").message().length() > 0, ps.toString());
    }

    @Test
    void cameraDownAfterDefaultsToFiveMinutesAndIsValidated() {
        assertEquals(java.time.Duration.ofMinutes(5), ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil")).settings().cameraDownAfter());
        VigilConfig c = ConfigLoader.parse("t.yaml", "health: {cameraDownAfter: 2m}\n" + MINIMAL, Path.of("/etc/vigil"));
        assertEquals(java.time.Duration.ofMinutes(2), c.settings().cameraDownAfter());
        List<ConfigProblem> ps = problems("health:\n  cameraDownAfter: 5s\n" + MINIMAL);
        assertEquals(2, only(ps, "health.cameraDownAfter").line());
        assertTrue(only(ps, "health.cameraDownAfter").message().contains("valid: 30s..24h"), ps.toString());
        assertTrue(only(problems("health: {cameraDownAfter: soon}\n" + MINIMAL), "health.cameraDownAfter").message().length() > 0);
        assertTrue(only(problems("health: {downAfter: 1m}\n" + MINIMAL), "health.downAfter").message().contains("cameraDownAfter"));
    }

    @Test
    void siteLanguageAndTimeZoneDefaultToKoreanInSeoulAndAreValidated() {
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertEquals("ko", c.settings().language());
        assertEquals(java.time.ZoneId.of("Asia/Seoul"), c.settings().timeZone());
        VigilConfig en = ConfigLoader.parse("t.yaml", "language: EN\ntimeZone: Europe/Berlin\n" + MINIMAL, Path.of("/etc/vigil"));
        assertEquals("en", en.settings().language());
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), en.settings().timeZone());
        List<ConfigProblem> ps = problems("language: fr\ntimeZone: Mars/Olympus\n" + MINIMAL);
        assertEquals(1, only(ps, "language").line());
        assertTrue(only(ps, "language").message().contains("valid: ko, en"), ps.toString());
        assertEquals(2, only(ps, "timeZone").line());
        assertTrue(only(ps, "timeZone").message().contains("Asia/Seoul"), ps.toString());
    }

    @Test
    void liveWallIdleTimeoutAndShiftLengthDefaultAndAreValidatedByName() {
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertEquals(java.time.Duration.ofMinutes(15), c.settings().liveIdleTimeout());
        assertEquals(java.time.Duration.ofHours(12), c.settings().liveShiftLength());
        VigilConfig night = ConfigLoader.parse("t.yaml", "live:\n  idleTimeout: 30m\n  shiftLength: 8h\n" + MINIMAL, Path.of("/etc/vigil"));
        assertEquals(java.time.Duration.ofMinutes(30), night.settings().liveIdleTimeout());
        assertEquals(java.time.Duration.ofHours(8), night.settings().liveShiftLength());
        List<ConfigProblem> ps = problems("live:\n  idleTimeout: 10s\n  shiftLength: 3d\n  tiles: 16\n" + MINIMAL);
        assertEquals(2, only(ps, "live.idleTimeout").line());
        assertTrue(only(ps, "live.idleTimeout").message().contains("valid: 1m..8h"), ps.toString());
        assertEquals(3, only(ps, "live.shiftLength").line());
        assertTrue(only(ps, "live.shiftLength").message().contains("valid: 30m..24h"), ps.toString());
        assertEquals(4, only(ps, "live.tiles").line());
        List<ConfigProblem> shorter = problems("live:\n  idleTimeout: 2h\n  shiftLength: 1h\n" + MINIMAL);
        assertTrue(only(shorter, "live.shiftLength").message().contains("shorter than live.idleTimeout"), shorter.toString());
    }

    @Test
    void aLiveUrlIsAnRtspUrlOfAPulledCamera() {
        String yaml = """
                dataDir: /data
                keystore:
                  path: /etc/vigil/keystore.vks
                  passphrase: env:VIGIL_PASS
                listen:
                  rtsp: 127.0.0.1:8554
                cameras:
                  - id: cam01
                    location: Lobby
                    url: rtsp://10.0.0.1/main
                    liveUrl: rtsp://10.0.0.1/sub
                  - id: cam02
                    location: Hall
                    url: rtsp://10.0.0.2/main
                    liveUrl: http://10.0.0.2/sub
                  - id: cam03
                    location: Gate
                    source: push
                    publishPassword: env:GATE
                    liveUrl: rtsp://10.0.0.3/sub
                """;
        List<ConfigProblem> ps = problems(yaml);
        assertEquals(2, ps.size(), ps.toString());
        assertEquals(15, only(ps, "cameras[1].liveUrl").line());
        assertTrue(only(ps, "cameras[1].liveUrl").message().contains("rtsp://"), ps.toString());
        assertTrue(only(ps, "cameras[2].liveUrl").message().contains("only for source: pull"), ps.toString());
        VigilConfig ok = ConfigLoader.parse("t.yaml", yaml.substring(0, yaml.indexOf("  - id: cam02")), Path.of("/etc/vigil"));
        assertEquals(java.net.URI.create("rtsp://10.0.0.1/sub"), ok.camera("cam01").liveUrl());
    }

    @Test
    void holdMaximumDefaultsToFiveYearsAndIsBounded() {
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertEquals(5, c.retention().holdMaximumYears());
        java.time.Instant now = java.time.Instant.parse("2026-02-28T10:00:00Z");
        assertEquals(java.time.Instant.parse("2031-02-28T10:00:00Z"), c.retention().holdLimit(now));
        VigilConfig two = ConfigLoader.parse("t.yaml", MINIMAL + "retention:\n  holdMaximumYears: 2\n", Path.of("/etc/vigil"));
        assertEquals(2, two.retention().holdMaximumYears());
        List<ConfigProblem> ps = problems(MINIMAL + "retention:\n  holdMaximumYears: 999999999\n");
        assertEquals(11, only(ps, "retention.holdMaximumYears").line());
        assertTrue(only(ps, "retention.holdMaximumYears").message().contains("valid: 1..10"), ps.toString());
        assertTrue(only(problems(MINIMAL + "retention:\n  holdMaximumYears: 0\n"), "retention.holdMaximumYears")
                .message().contains("out of range"));
        assertTrue(only(problems(MINIMAL + "retention:\n  holdMaximumYears: forever\n"), "retention.holdMaximumYears")
                .message().contains("not a whole number"));
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndField() {
        String yaml = """
                dataDir: /data
                keystore:
                  path: /data/keystore.vks
                  passphrase: hunter2-the-real-secret
                retention:
                  days: 30
                  legalMaximumDays: 14
                  purgeInterval: ten minutes
                segmentDuration: 2s
                colour: blue
                cameras:
                  - id: cam01
                    location: Lobby
                    url: http://10.0.0.1/x
                  - id: cam01
                    location: Hall
                    url: rtsp://admin:s3cr3tpw@10.0.0.2/x
                    transport: carrier-pigeon
                  - id: Bad Id
                    location: Gate
                    source: push
                """;
        List<ConfigProblem> ps = problems(yaml);
        assertEquals(3, only(ps, "keystore.path").line());
        assertTrue(only(ps, "keystore.path").message().contains("outside dataDir"));
        assertEquals(4, only(ps, "keystore.passphrase").line());
        assertEquals(6, only(ps, "retention.days").line());
        assertTrue(only(ps, "retention.days").message().contains("legal maximum of 14"));
        assertEquals(8, only(ps, "retention.purgeInterval").line());
        assertEquals(10, only(ps, "colour").line());
        assertTrue(only(ps, "colour").message().contains("valid here"));
        assertTrue(only(ps, "cameras[0].url").message().contains("rtsp://"));
        assertEquals(15, only(ps, "cameras[1].id").line());
        assertTrue(only(ps, "cameras[1].url").message().contains("must not contain credentials"));
        assertTrue(only(ps, "cameras[1].transport").message().contains("valid: tcp, udp"));
        assertTrue(only(ps, "cameras[2].id").message().contains("not a valid id"));
        only(ps, "cameras[2].publishPassword");
        only(ps, "listen.rtsp");
        for (ConfigProblem p : ps) {
            assertFalse(p.toString().contains("hunter2"), "secret leaked: " + p);
            assertFalse(p.toString().contains("s3cr3tpw"), "secret leaked: " + p);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("test.yaml", yaml, Path.of("/")));
        assertFalse(e.getMessage().contains("hunter2"));
        assertFalse(e.getMessage().contains("s3cr3tpw"));
    }

    @Test
    void malformedYamlNamesTheLine() {
        List<ConfigProblem> ps = problems("dataDir: /d\ncameras:\n  - id: cam01\n   bad: [unclosed\n");
        assertEquals(1, ps.size());
        assertTrue(ps.get(0).line() >= 3, ps.toString());
        assertTrue(ps.get(0).message().startsWith("not valid YAML"), ps.toString());
    }

    @Test
    void duplicateKeysAndWrongShapesAreReported() {
        List<ConfigProblem> ps = problems("dataDir: /a\ndataDir: /b\n");
        assertEquals(2, only(ps, "dataDir").line());
        assertTrue(only(ps, "dataDir").message().contains("appears twice (first on line 1)"), ps.toString());
        ps = problems("- just\n- a list\n");
        assertTrue(ps.get(0).message().contains("must be a mapping"));
        ps = problems("dataDir: [1, 2]\nkeystore: x\ncameras: {}\n");
        assertTrue(only(ps, "dataDir").message().contains("single value"));
        assertTrue(only(ps, "keystore").message().contains("mapping"));
        assertTrue(only(ps, "cameras").message().contains("list"));
    }

    @Test
    void emptyAndMissingFilesAreClear(@TempDir Path dir) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("does not exist"));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(empty));
        assertTrue(e.getMessage().contains("empty"));
    }

    @Test
    void secretsResolveFromEnvironmentAndFilesButNeverPrint(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("pw"), "correct horse battery\n");
        SecretRef file = SecretRef.parse("file:" + f);
        assertArrayEquals("correct horse battery".toCharArray(), file.resolve());
        assertFalse(file.toString().contains("horse"));
        SecretRef env = SecretRef.parse("env:CAM_PW");
        assertArrayEquals("pw123".toCharArray(), env.resolve(java.util.Map.of("CAM_PW", "pw123")));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> env.resolve(java.util.Map.of()));
        assertTrue(missing.getMessage().contains("CAM_PW is not set"));
        assertThrows(IllegalArgumentException.class, () -> SecretRef.parse("plaintext"));
    }

    @Test
    void networkRangesMatchAddresses() throws Exception {
        NetworkRange r = NetworkRange.parse("10.20.0.0/24");
        assertTrue(r.contains(java.net.InetAddress.getByName("10.20.0.77")));
        assertFalse(r.contains(java.net.InetAddress.getByName("10.20.1.1")));
        assertFalse(r.contains(java.net.InetAddress.getByName("::1")));
        assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse("10.0.0.0/40"));
        assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse("hospital.example"));
    }

    @Test
    void valueSpellings() {
        assertEquals(Duration.ofMillis(500), ValueParsers.duration("500ms"));
        assertEquals(Duration.ofMinutes(10), ValueParsers.duration("PT10M"));
        assertEquals(20L << 30, ValueParsers.size("20GiB"));
        assertEquals(50_000_000_000L, ValueParsers.size("50GB"));
        assertEquals(8554, ValueParsers.hostPort("[::1]:8554").getPort());
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.hostPort("localhost"));
    }

    @Test
    void subjectRequestKioskNetworksAreReadAndAnAnywhereKioskIsRefusedNamingTheKey() {
        VigilConfig none = ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil"));
        assertTrue(none.subjectRequests().kioskNetworks().isEmpty(), "no kiosk unless configured");
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL + """
                subjectRequests:
                  kioskNetworks: [10.20.9.0/28, "fd00:9::/64"]
                """, Path.of("/etc/vigil"));
        assertEquals(List.of("10.20.9.0/28", "fd00:9::/64"), c.subjectRequests().kioskNetworks().stream().map(NetworkRange::toString).toList());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());

        List<ConfigProblem> ps = problems(MINIMAL + """
                subjectRequests:
                  kioskNetworks: [10.20.9.0/28, 10.20.300.0/24, 0.0.0.0/0]
                  kioskNetwork: [10.0.0.0/8]
                """);
        ConfigProblem bad = only(ps, "subjectRequests.kioskNetworks[1]");
        assertEquals(11, bad.line(), ps.toString());
        assertTrue(bad.message().contains("10.20.300.0/24"), bad.message());
        assertTrue(only(ps, "subjectRequests.kioskNetworks[2]").message().contains("every address"), ps.toString());
        assertTrue(only(ps, "subjectRequests.kioskNetwork").message().contains("kioskNetworks"), ps.toString());
    }

    @Test
    void theFormerSubjectRequestKeysFillThePolicyForOneVersionWithAWarningNamingTheirReplacement() {
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL + """
                subjectRequests:
                  kioskNetworks: [10.20.9.0/28]
                  viewingPlace: 본관 2층 개인정보 상담실 (privacy office, main building 2F)
                  privacyOfficer: 허신영 (Heo Shin-young), 031-625-8596
                """, Path.of("/etc/vigil"));
        assertEquals("본관 2층 개인정보 상담실 (privacy office, main building 2F)", c.policy().viewingPlace(), "the notices and /policy read it");
        assertEquals(new PolicyConfig.Person("허신영 (Heo Shin-young), 031-625-8596", null, null), c.policy().officer());
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        ConfigProblem place = c.warnings().get(0);
        assertEquals("subjectRequests.viewingPlace", place.field());
        assertEquals(12, place.line());
        assertTrue(place.message().contains("deprecated") && place.message().contains("policy.viewingPlace"), place.message());
        ConfigProblem officer = c.warnings().get(1);
        assertEquals("subjectRequests.privacyOfficer", officer.field());
        assertTrue(officer.message().contains("policy.officer") && officer.message().contains("{name, position, contact}"), officer.message());
        String summary = ConfigSummary.render(c);
        assertTrue(summary.contains("Warnings:    2") && summary.contains("t.yaml:12: subjectRequests.viewingPlace: is deprecated"), summary);
    }

    @Test
    void whenThePolicyAlreadySaysItTheFormerKeyIsIgnoredAndTheWarningPointsToThePolicyLine() {
        VigilConfig c = ConfigLoader.parse("t.yaml", """
                policy:
                  officer: {name: 허신영, position: 상담실, contact: 031-625-8596}
                  viewingPlace: 병원 1층 원무과
                """ + MINIMAL + """
                subjectRequests:
                  viewingPlace: somewhere else
                  privacyOfficer: someone else
                """, Path.of("/etc/vigil"));
        assertEquals("병원 1층 원무과", c.policy().viewingPlace());
        assertEquals("허신영 (상담실), 031-625-8596", c.policy().officer().oneLine());
        assertEquals(List.of("subjectRequests.viewingPlace", "subjectRequests.privacyOfficer"), c.warnings().stream().map(ConfigProblem::field).toList());
        assertTrue(c.warnings().get(0).message().contains("ignored: policy.viewingPlace (line 3)"), c.warnings().toString());
        assertTrue(c.warnings().get(1).message().contains("ignored: policy.officer (line 2)"), c.warnings().toString());
        String blank = only(problems(MINIMAL + "subjectRequests:\n  privacyOfficer: \"  \"\n"), "subjectRequests.privacyOfficer").message();
        assertTrue(blank.startsWith("must be 1..200"), "a blank former key is still an error naming it: " + blank);
    }

    @Test
    void everyShippedSampleUsesThePolicySectionOnly() throws Exception {
        for (Path sample : List.of(Path.of("..", "vigil.example.yaml"))) {
            VigilConfig c = ConfigLoader.load(sample);
            assertTrue(c.warnings().isEmpty(), sample + ": " + c.warnings());
            assertNotNull(c.policy().officer(), sample.toString());
            assertNotNull(c.policy().viewingPlace(), sample.toString());
        }
    }

    @Test
    void kioskViewingLengthIsConfiguredAndValidatedWithLineAndField() {
        assertEquals(Duration.ofHours(2), ConfigLoader.parse("t.yaml", MINIMAL, Path.of("/etc/vigil")).subjectRequests().kioskViewingLength(),
                "two hours unless configured");
        VigilConfig c = ConfigLoader.parse("t.yaml", MINIMAL + """
                subjectRequests:
                  kioskNetworks: [10.20.9.0/28]
                  kioskViewingLength: 45m
                """, Path.of("/etc/vigil"));
        assertEquals(Duration.ofMinutes(45), c.subjectRequests().kioskViewingLength());
        for (String bad : List.of("5m", "12h", "two hours")) {
            List<ConfigProblem> ps = problems(MINIMAL + """
                    subjectRequests:
                      kioskViewingLength: %s
                    """.formatted(bad));
            ConfigProblem p = only(ps, "subjectRequests.kioskViewingLength");
            assertEquals(11, p.line(), ps.toString());
            assertTrue(bad.equals("two hours") || p.message().contains("valid: 15m..8h"), p.message());
        }
    }
}

package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.server.Main;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code vigil} entry point in its own JVM, its environment set as an operator's
 * shell would: LANG=ko_KR.UTF-8 gives Korean help, option errors and the busy-port
 * message; LANG=C with --lang ko still writes Korean legibly (UTF-8 whatever the locale);
 * exit codes 0, 2 (usage) and 1 (problem).
 */
class CliProcessTest {

    @Test
    void theRealCommandSpeaksTheLocalesLanguage(@TempDir Path dir) throws Exception {
        Result help = vigil(Map.of("LANG", "ko_KR.UTF-8"), "--help");
        assertEquals(0, help.exit, help.err);
        assertTrue(help.out.startsWith("사용법: vigil") && help.out.contains("명령:"), help.out);

        Result bad = vigil(Map.of("LANG", "ko_KR.UTF-8"), "fsck", "--config", "vigil.yaml", "--frobnicate");
        assertEquals(2, bad.exit, bad.err);
        assertTrue(bad.err.contains("알 수 없는 옵션: --frobnicate") && bad.err.contains("'vigil fsck --help'"), bad.err);

        Result english = vigil(Map.of("LANG", "C"), "fsck", "--config", "vigil.yaml", "--frobnicate");
        assertTrue(english.err.contains("unknown option: --frobnicate"), english.err);

        Result legible = vigil(Map.of("LANG", "C"), "--lang", "ko", "keys", "--help");
        assertTrue(legible.out.contains("키 저장소를 만들거나 마스터 키를 교체합니다."), "UTF-8 under LANG=C: " + legible.out);

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            Result inUse = vigil(Map.of("LANG", "ko_KR.UTF-8"), "demo", "--port", Integer.toString(port), "--camera-port", "0",
                    "--cameras", "1", "--dir", dir.resolve("demo").toString());
            assertEquals(1, inUse.exit, inUse.err);
            assertTrue(inUse.err.contains("포트 " + port + "을(를) 이미 다른 프로그램이 쓰고 있습니다") && inUse.err.contains("--port"), inUse.err);
            assertFalse(inUse.err.contains("Exception"), "no stack trace: " + inUse.err);
        }
    }

    /**
     * {@code ./vigil demo} under LANG=C: the demo's site is Korean ({@code language: ko} in the
     * configuration it writes), so its banner (addresses, logins, where the data is) is Korean
     * too, as docs/cli.md's rule says; {@code --lang en} would make it English.
     */
    @Test
    void theDemoSpeaksItsSitesLanguage(@TempDir Path dir) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--port", "0", "--camera-port", "0", "--cameras", "1", "--dir", dir.resolve("demo").toString());
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().put("LANG", "C");
        Path out = dir.resolve("demo.out");
        Process p = pb.redirectOutput(out.toFile()).redirectError(dir.resolve("demo.err").toFile()).start();
        try {
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
            String banner = "";
            while (java.time.Instant.now().isBefore(deadline) && p.isAlive() && !banner.contains("Ctrl-C")) {
                banner = Files.readString(out, StandardCharsets.UTF_8);
                if (!banner.contains("Ctrl-C")) TimeUnit.MILLISECONDS.sleep(200); // polling interval: the banner's last line decides
            }
            assertTrue(banner.contains("Ctrl-C"), "the banner within 90 s: " + banner + Files.readString(dir.resolve("demo.err")));
            assertTrue(banner.contains("Vigil 데모가 실행 중입니다.") && banner.contains("뷰어:") && banner.contains("보안 요원, 영상 열람")
                    && banner.contains("멈춤:"), banner);
            KoreanFramesTest.assertKoreanOnly(banner);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo stops on SIGTERM");
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result vigil(Map<String, String> locale, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
        pb.environment().putAll(locale);
        Path out = Files.createTempFile("vigil-cli", ".out");
        Path err = Files.createTempFile("vigil-cli", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vigil " + String.join(" ", args) + " ended within 60 s");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

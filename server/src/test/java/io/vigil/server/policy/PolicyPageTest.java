package io.vigil.server.policy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.server.VigilServer;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The published policy at {@code /policy}, without signing in, in Chromium against the whole
 * server. The hospital starts Vigil with one configuration, then changes it (a camera added,
 * a shorter retention, another officer) and starts again: the page shows the new facts in
 * Korean (the site's language) and in English (picked in the page), the ledger holds a
 * {@code policy.published} entry per content with what changed, and the page lists both
 * dates. A third start with the same configuration ledgers nothing new.
 */
class PolicyPageTest {
    private static final String BASE = """
            site: 유픽의원
            dataDir: data
            keystore: {path: keystore.vks, passphrase: "file:pass"}
            listen: {https: "127.0.0.1:0"}
            policy:
              officer: {name: %s, position: 상담실, contact: 031-625-8596}
              manager: {name: 이빈나, position: 진료부}
              storagePlace: 본관 지하 1층 서버실
              viewingPlace: 병원 1층 원무과
              enacted: 2022-12-15
            retention: {days: %d}
            cameras:
              - {id: entrance, name: 정문, location: 본관 1층 정문, range: 정문 출입구와 주차장 입구, url: "rtsp://127.0.0.1:1/a"}
              - {id: er, name: 응급실, location: 응급실 입구, url: "rtsp://127.0.0.1:1/b"}
            """;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aConfigurationChangeIsLedgeredAndThePublicPageShowsTheNewPolicyAndItsDates(@TempDir Path dir) throws Exception {
        assumeTrue(Chromium.missing() == null, "needs chromium and chromedriver: " + Chromium.missing());
        Files.writeString(dir.resolve("pass"), "policy test passphrase\n");
        Path cfg = dir.resolve("vigil.yaml");
        Files.writeString(cfg, BASE.formatted("허신영", 14));
        VigilConfig first = ConfigLoader.load(cfg);
        Keystore.create(first.keystore(), "policy test passphrase".toCharArray());
        try (VigilServer server = VigilServer.start(first)) {
            assertEquals(1, published(server).size(), "first start publishes");
        }

        String changed = BASE.formatted("김보안", 10)
                + "  - {id: lobby, name: 로비, location: 본관 1층 로비, range: 접수창구와 대기석, url: \"rtsp://127.0.0.1:1/c\"}\n";
        Files.writeString(cfg, changed);
        try (VigilServer server = VigilServer.start(ConfigLoader.load(cfg))) {
            List<LedgerEntry> versions = published(server);
            assertEquals(2, versions.size(), "the changed content is ledgered at start");
            LedgerEntry latest = versions.get(1);
            assertEquals("vigil", latest.record().actor());
            assertEquals("cameraCount,cameras,retentionDays,officer", latest.record().details().get("changed"));
            assertEquals(versions.get(0).record().details().get("hash"), latest.record().details().get("previousHash"));
            assertTrue(latest.record().details().get("content").contains("김보안"));

            ChromeDriver chrome = chromium(dir);
            try {
                chrome.get(server.viewerUrl() + "policy");
                WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
                wait.until(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-policy-ready")));
                assertEquals("영상정보처리기기 운영·관리 방침", chrome.findElement(By.tagName("h1")).getText());
                assertEquals("설치 대수: 총 3대", chrome.findElement(By.id("policy-count")).getText());
                assertEquals(3, chrome.findElements(By.cssSelector("#policy-camera-rows tr")).size());
                assertEquals("로비 본관 1층 로비 접수창구와 대기석",
                        chrome.findElements(By.cssSelector("#policy-camera-rows tr")).get(2).getText());
                assertTrue(chrome.findElements(By.cssSelector("#policy-camera-rows tr")).get(1).getText()
                        .contains("(설정되지 않음"), "a camera without a range says so");
                assertEquals("보관 기간: 촬영일로부터 10일 이내, 이후 복구할 수 없도록 파기", chrome.findElement(By.id("policy-retention")).getText());
                assertEquals("보관 장소: 본관 지하 1층 서버실", chrome.findElement(By.id("policy-storage")).getText());
                assertTrue(chrome.findElement(By.cssSelector("#policy-people-rows tr[data-role='officer']")).getText().contains("김보안"));
                assertTrue(chrome.findElement(By.id("policy-how")).getText().contains("이빈나"));
                assertEquals("이 방침은 2022-12-15에 제정되었습니다.", chrome.findElement(By.id("policy-enacted")).getText());
                List<String> history = chrome.findElements(By.cssSelector("#policy-history li")).stream().map(e -> e.getText()).toList();
                String today = LocalDate.now(ZoneId.of("Asia/Seoul")).toString();
                assertEquals(2, history.size(), history.toString());
                assertTrue(history.get(0).startsWith(today + ": ") && history.get(0).contains("보관 기간") && history.get(0).contains("보호책임자"),
                        history.toString());
                assertEquals(today + ": Vigil에서 처음 게시", history.get(1));

                // The same page in English, picked in the page (no sign-in).
                new org.openqa.selenium.support.ui.Select(chrome.findElement(By.cssSelector("#policy-language select"))).selectByValue("en");
                // The choice reloads the page: elements found before go stale meanwhile.
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang"))
                                && "1".equals(d.findElement(By.tagName("body")).getAttribute("data-policy-ready"))
                                && d.findElement(By.id("policy-count")).getText().equals("Number of devices installed: 3 in total"));
                assertEquals("Retention period: within 10 days from the date of filming, then destroyed beyond recovery",
                        chrome.findElement(By.id("policy-retention")).getText());
                Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("policy.png"),
                        chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            } finally {
                chrome.quit();
            }
        }
        try (VigilServer server = VigilServer.start(ConfigLoader.load(cfg))) {
            assertEquals(2, published(server).size(), "the same content is not ledgered again");
        }
    }

    private static List<LedgerEntry> published(VigilServer server) {
        return server.store().ledger().search(e -> e.record().type().equals("policy.published"), 100);
    }

    private static ChromeDriver chromium(Path dir) throws java.io.IOException {
        return Chromium.start(dir.resolve("chromium"), new Dimension(1366, 900), java.util.Map.of()).driver;
    }
}

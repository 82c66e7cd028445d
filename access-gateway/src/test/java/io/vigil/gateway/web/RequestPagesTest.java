package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The subject-request page in the real browser: a privacy manager registers requests
 * (a bad one is refused with the field named, nothing stored), a privacy officer opens
 * one, approves it (the one-time kiosk code is shown once), and refuses another on a
 * statutory ground; the ledger holds each step; the page is Korean for a Korean user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestPagesTest {
    private static final String PASSWORD = "a long enough password";
    private static final String MANAGER = "manager.lee";
    private static final String OFFICER = "officer.heo";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @TempDir
    static Path tmp;

    private GatewayHarness gateway;
    private HeadlessChromium chrome;
    private WebPages pages;

    @BeforeAll
    void start() throws Exception {
        chrome = HeadlessChromium.start();
        gateway = GatewayHarness.start(tmp);
        gateway.addUser(MANAGER, Role.PRIVACY_MANAGER, List.of("cam-01", "cam-02"), PASSWORD);
        gateway.addUser(OFFICER, Role.PRIVACY_OFFICER, List.of(), PASSWORD);
        pages = new WebPages(chrome, gateway.baseUrl());
    }

    @AfterAll
    void stop() {
        if (chrome != null) chrome.close();
        if (gateway != null) gateway.close();
    }

    @Test
    void managerRegistersOfficerApprovesAndRefuses() throws Exception {
        pages.login(MANAGER, PASSWORD);
        pages.open("/requests.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("register-form")));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("camera-cam-01")));

        // identity not checked: refused with the field named, nothing stored
        fillRequest("Park Jiwoo", "view", false);
        setValue("document-type", "");
        chrome.driver.findElement(By.id("register-submit")).click();
        String error = waitForText("register-error");
        assertTrue(error.startsWith("Not accepted: Document shown: identity must be checked in person") || error.contains("Document shown: identity must be checked in person"), error);
        assertFalse(error.contains("documentType"), "the field is named by its label, not its JSON name: " + error);
        assertTrue(gateway.store().table(VigilStore.REQUESTS).scan("req/").isEmpty(), "nothing stored");
        chrome.assertNoConsoleErrors("requests (refused)", m -> m.contains("status of 400"));

        fillRequest("Park Jiwoo", "view", true);
        chrome.driver.findElement(By.id("register-submit")).click();
        String ok = waitForText("requests-ok");
        assertTrue(ok.contains("SR-"), ok);
        String first = ok.substring(ok.indexOf("SR-"), ok.indexOf("SR-") + 12);
        fillRequest("Choi Yuna", "delete", true);
        chrome.driver.findElement(By.id("register-submit")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#requests-rows tr[data-request]")).size() == 2);
        String second = chrome.driver.findElements(By.cssSelector("#requests-rows tr[data-request]")).get(0).getAttribute("data-request");
        assertFalse(first.equals(second));
        String row = chrome.driver.findElement(By.cssSelector("tr[data-request='" + first + "']")).getText();
        assertTrue(row.contains("Park Jiwoo") && row.contains("10 days"), row);
        chrome.screenshot("requests-manager");
        chrome.assertNoConsoleErrors("requests (manager)");
        pages.logout();

        pages.login(OFFICER, PASSWORD);
        pages.open("/requests.html?n=" + first);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-button")));
        assertTrue(chrome.driver.findElement(By.id("detail-fields")).getText().contains("Park Jiwoo"));
        chrome.driver.findElement(By.id("action-reason")).sendKeys("the footage shows the requester");
        chrome.driver.findElement(By.id("approve-button")).click();
        String code = chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            String c = d.findElement(By.id("kiosk-code")).getAttribute("data-code");
            return c == null || c.isEmpty() ? null : c;
        });
        assertTrue(code.matches("[A-Z2-9]{5}-[A-Z2-9]{5}"), code);
        assertTrue(chrome.driver.findElement(By.id("kiosk-code")).getText().contains(code));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d ->
                d.findElement(By.cssSelector("tr[data-request='" + first + "'] .request-state")).getText().equals("Approved"));

        chrome.driver.findElement(By.cssSelector("tr[data-request='" + second + "'] a")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-heading"), second));
        assertFalse(chrome.driver.findElement(By.id("kiosk-code")).isDisplayed(), "another request's code is not shown");
        chrome.driver.findElement(By.id("ground-cannot-mask")).click();
        chrome.driver.findElement(By.id("refuse-text")).sendKeys("Other patients in the waiting room cannot be masked.");
        chrome.driver.findElement(By.id("refuse-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d ->
                d.findElement(By.cssSelector("tr[data-request='" + second + "'] .request-state")).getText().equals("Refused"));
        assertFalse(chrome.driver.findElement(By.id("fulfil-button")).isDisplayed(), "a refused request cannot be fulfilled");
        chrome.screenshot("requests-officer");
        chrome.assertNoConsoleErrors("requests (officer)");

        List<String> steps = gateway.store().ledger().search(e -> e.record().type().startsWith("subject-request."), 100).stream()
                .map(e -> e.record().type() + " " + e.record().details().get("request") + " " + e.record().actor()).toList();
        assertEquals(List.of("subject-request.register " + first + " " + MANAGER, "subject-request.register " + second + " " + MANAGER,
                "subject-request.approve " + first + " " + OFFICER, "subject-request.refuse " + second + " " + OFFICER), steps);
        LedgerEntry refusal = gateway.store().ledger().search(e -> e.record().type().equals("subject-request.refuse"), 1).get(0);
        assertEquals("cannot-mask", refusal.record().details().get("grounds"));
        pages.logout();
    }

    @Test
    void thePageSpeaksKorean() throws Exception {
        pages.login(OFFICER, PASSWORD);
        pages.open("/requests.html");
        chrome.js("document.cookie = 'vigil_lang=ko; path=/; secure';");
        pages.open("/requests.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "정보주체 열람 등 요구"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("register-submit")));
        assertEquals("접수", chrome.driver.findElement(By.id("register-submit")).getText());
        // a child's request without a representative: refused in Korean, the field named by its Korean label, nothing stored
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("camera-cam-01")));
        fillRequest("박지우", "view", true);
        chrome.driver.findElement(By.id("child-under-14")).click();
        chrome.driver.findElement(By.id("register-submit")).click();
        String error = waitForText("register-error");
        assertTrue(error.contains("법정대리인 성명: 필수 항목입니다. 만 14세 미만 아동의 요구는 법정대리인이"), error);
        assertTrue(gateway.store().table(VigilStore.REQUESTS).scan("").stream()
                .noneMatch(e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).contains("박지우")), "nothing stored");
        chrome.assertNoConsoleErrors("requests (ko)", m -> m.contains("status of 400"));
        chrome.driver.manage().deleteAllCookies();
    }

    private void fillRequest(String name, String kind, boolean identityChecked) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        setValue("requester-name", name);
        setValue("requester-contact", "010-2222-3333");
        setValue("document-type", identityChecked ? "passport" : "");
        setValue("checked-at", LOCAL.format(now.minusSeconds(300).atZone(SEOUL)));
        chrome.js("document.querySelectorAll('input[name=kind]').forEach(c => c.checked = c.value === arguments[0]);"
                + "document.querySelectorAll('input[name=camera]').forEach(c => c.checked = c.value === 'cam-01');", kind);
        setValue("window-from", LOCAL.format(now.minus(Duration.ofHours(2)).atZone(SEOUL)));
        setValue("window-to", LOCAL.format(now.minus(Duration.ofHours(1)).atZone(SEOUL)));
        setValue("description", "blue cap, sat by the window");
        setValue("reason", "to see who took my umbrella");
    }

    private String waitForText(String id) {
        return chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            String s = d.findElement(By.id(id)).getText();
            return s == null || s.isBlank() ? null : s;
        });
    }

    private void setValue(String id, String value) {
        chrome.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }

}

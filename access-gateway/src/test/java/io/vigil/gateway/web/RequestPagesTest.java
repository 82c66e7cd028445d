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
    private static final String MANAGER = "manager.lee";
    private static final String OFFICER = "officer.heo";

    @TempDir
    static Path tmp;

    private BrowserGateway web;

    @BeforeAll
    void start() throws Exception {
        web = BrowserGateway.start(tmp).withUser(MANAGER, Role.PRIVACY_MANAGER, List.of("cam-01", "cam-02"))
                .withUser(OFFICER, Role.PRIVACY_OFFICER, List.of());
    }

    @AfterAll
    void stop() {
        if (web != null) web.close();
    }

    @Test
    void managerRegistersOfficerApprovesAndRefuses() throws Exception {
        web.login(MANAGER);
        web.pages.open("/requests.html");
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("register-form")));
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("camera-cam-01")));

        // identity not checked: refused with the field named, nothing stored
        fillRequest("Park Jiwoo", "view", false);
        web.steps.setValue("document-type", "");
        web.chrome.driver.findElement(By.id("register-submit")).click();
        String error = web.steps.waitForText("register-error");
        assertTrue(error.startsWith("Not accepted: Document shown: identity must be checked in person") || error.contains("Document shown: identity must be checked in person"), error);
        assertFalse(error.contains("documentType"), "the field is named by its label, not its JSON name: " + error);
        assertTrue(web.gateway.store.table(VigilStore.REQUESTS).scan("req/").isEmpty(), "nothing stored");
        web.chrome.assertNoConsoleErrors("requests (refused)", m -> m.contains("status of 400"));

        fillRequest("Park Jiwoo", "view", true);
        web.chrome.driver.findElement(By.id("register-submit")).click();
        String ok = web.steps.waitForText("requests-ok");
        assertTrue(ok.contains("SR-"), ok);
        String first = ok.substring(ok.indexOf("SR-"), ok.indexOf("SR-") + 12);
        fillRequest("Choi Yuna", "delete", true);
        web.chrome.driver.findElement(By.id("register-submit")).click();
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#requests-rows tr[data-request]")).size() == 2);
        String second = web.chrome.driver.findElements(By.cssSelector("#requests-rows tr[data-request]")).get(0).getAttribute("data-request");
        assertFalse(first.equals(second));
        String row = web.chrome.driver.findElement(By.cssSelector("tr[data-request='" + first + "']")).getText();
        assertTrue(row.contains("Park Jiwoo") && row.contains("10 days"), row);
        web.chrome.screenshot("requests-manager");
        web.chrome.assertNoConsoleErrors("requests (manager)");
        web.pages.logout();

        web.login(OFFICER);
        web.pages.open("/requests.html?n=" + first);
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-button")));
        assertTrue(web.chrome.driver.findElement(By.id("detail-fields")).getText().contains("Park Jiwoo"));
        web.chrome.driver.findElement(By.id("action-reason")).sendKeys("the footage shows the requester");
        web.chrome.driver.findElement(By.id("approve-button")).click();
        String code = web.chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            String c = d.findElement(By.id("kiosk-code")).getAttribute("data-code");
            return c == null || c.isEmpty() ? null : c;
        });
        assertTrue(code.matches("[A-Z2-9]{5}-[A-Z2-9]{5}"), code);
        assertTrue(web.chrome.driver.findElement(By.id("kiosk-code")).getText().contains(code));
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(d ->
                d.findElement(By.cssSelector("tr[data-request='" + first + "'] .request-state")).getText().equals("Approved"));

        web.chrome.driver.findElement(By.cssSelector("tr[data-request='" + second + "'] a")).click();
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-heading"), second));
        assertFalse(web.chrome.driver.findElement(By.id("kiosk-code")).isDisplayed(), "another request's code is not shown");
        web.chrome.driver.findElement(By.id("ground-cannot-mask")).click();
        web.chrome.driver.findElement(By.id("refuse-text")).sendKeys("Other patients in the waiting room cannot be masked.");
        web.chrome.driver.findElement(By.id("refuse-button")).click();
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(d ->
                d.findElement(By.cssSelector("tr[data-request='" + second + "'] .request-state")).getText().equals("Refused"));
        assertFalse(web.chrome.driver.findElement(By.id("fulfil-button")).isDisplayed(), "a refused request cannot be fulfilled");
        web.chrome.screenshot("requests-officer");
        web.chrome.assertNoConsoleErrors("requests (officer)");

        List<String> steps = web.gateway.store.ledger().search(e -> e.record().type().startsWith("subject-request."), 100).stream()
                .map(e -> e.record().type() + " " + e.record().details().get("request") + " " + e.record().actor()).toList();
        assertEquals(List.of("subject-request.register " + first + " " + MANAGER, "subject-request.register " + second + " " + MANAGER,
                "subject-request.approve " + first + " " + OFFICER, "subject-request.refuse " + second + " " + OFFICER), steps);
        LedgerEntry refusal = web.gateway.store.ledger().search(e -> e.record().type().equals("subject-request.refuse"), 1).get(0);
        assertEquals("cannot-mask", refusal.record().details().get("grounds"));
        web.pages.logout();
    }

    @Test
    void thePageSpeaksKorean() throws Exception {
        web.login(OFFICER);
        web.pages.open("/requests.html");
        web.chrome.js("document.cookie = 'vigil_lang=ko; path=/; secure';");
        web.pages.open("/requests.html");
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "정보주체 열람 등 요구"));
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("register-submit")));
        assertEquals("접수", web.chrome.driver.findElement(By.id("register-submit")).getText());
        // a child's request without a representative: refused in Korean, the field named by its Korean label, nothing stored
        web.chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("camera-cam-01")));
        fillRequest("박지우", "view", true);
        assertBoxBesideItsLabel("child-under-14");
        assertBoxBesideItsLabel("urgent");
        web.chrome.driver.findElement(By.id("child-under-14")).click();
        web.chrome.driver.findElement(By.id("register-submit")).click();
        String error = web.steps.waitForText("register-error");
        assertTrue(error.contains("법정대리인 성명: 필수 항목입니다. 만 14세 미만 아동의 요구는 법정대리인이"), error);
        assertTrue(web.gateway.store.table(VigilStore.REQUESTS).scan("").stream()
                .noneMatch(e -> new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8).contains("박지우")), "nothing stored");
        web.chrome.assertNoConsoleErrors("requests (ko)", m -> m.contains("status of 400"));
        web.chrome.driver.manage().deleteAllCookies();
    }

    /** A checkbox stands before its label on the same line, not stretched to the full width above it. */
    private void assertBoxBesideItsLabel(String id) {
        org.openqa.selenium.Rectangle box = web.chrome.driver.findElement(By.id(id)).getRect();
        org.openqa.selenium.Rectangle label = web.chrome.driver.findElement(By.cssSelector("label[for='" + id + "']")).getRect();
        String where = id + ": box " + box.x + "," + box.y + " " + box.width + "x" + box.height
                + ", label " + label.x + "," + label.y + " " + label.width + "x" + label.height;
        assertTrue(box.x + box.width <= label.x, "the box comes before its label: " + where);
        assertTrue(box.y < label.y + label.height && label.y < box.y + box.height, "on the same line: " + where);
    }

    /** The form with a window from two hours to one hour ago on cam-01. */
    private void fillRequest(String name, String kind, boolean identityChecked) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        web.steps.fillRequest(name, List.of(kind), "cam-01", now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                identityChecked ? "passport" : "");
    }
}

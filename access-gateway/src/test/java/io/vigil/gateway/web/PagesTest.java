package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Every page in the real browser against the real gateway: it loads without a script
 * error, CSP violation or failed request, shows the signed-in user, works by keyboard,
 * and its forms do what they say (login refusals in words, the purpose dialog
 * cancelled with Escape issues no grant, a hold placed and released, a user added).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesTest extends BrowserPageTest {
    private static final String PASSWORD = "a long enough password";
    private static final String GUARD = "guard.park";
    private static final String OFFICER = "officer.choi";
    private static final String ADMIN = "admin.yoon";
    private static final String REMOTE_MANAGER = "manager.remote";
    private static final String CARELESS = "guard.careless";

    /** Privacy managers may sign in only from a network the test browser is not on. */
    @Override
    GatewayFixture startGateway(Path dir) throws Exception {
        return new GatewayFixture(dir, GatewaySite.browser().withAllowedNetworks(Map.of(Role.PRIVACY_MANAGER, List.of(NetworkRange.parse("10.99.0.0/24")))));
    }

    @BeforeAll
    void recordFootageAndAccounts() throws Exception {
        TestFootage.record(gateway.store.segments(), "cam-01",
                Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                TestFootage.segments(tmp, 3));
        gateway.addUser(GUARD, Role.SECURITY_STAFF, List.of("cam-01", "cam-02"), PASSWORD);
        gateway.addUser(OFFICER, Role.PRIVACY_OFFICER, List.of(), PASSWORD);
        gateway.addUser(ADMIN, Role.ADMINISTRATOR, List.of(), PASSWORD);
        gateway.addUser(REMOTE_MANAGER, Role.PRIVACY_MANAGER, List.of("cam-01"), PASSWORD);
        gateway.addUser(CARELESS, Role.SECURITY_STAFF, List.of("cam-01"), PASSWORD);
    }

    @AfterEach
    void signOut() {
        chrome.driver.manage().deleteAllCookies();
        chrome.takeLog();
    }


    /** Expected resource failures: the console reports a refused fetch as an error. */
    private static Predicate<String> refusedWith(int... statuses) {
        return m -> {
            for (int s : statuses) if (m.contains("status of " + s)) return true;
            return false;
        };
    }

    /** Last: the lockout also throttles the client address, which would refuse the other tests' logins. */
    @Test
    @Order(Integer.MAX_VALUE)
    void loginSaysInWordsWhyItFailed() throws Exception {
        pages.submitLogin(GUARD, "not the password");
        assertEquals("Wrong user name or password.", pages.loginError());
        assertEquals("password", activeId(), "focus returns to the password field");
        chrome.screenshot("login-wrong-password");

        pages.submitLogin(REMOTE_MANAGER, PASSWORD);
        String network = pages.loginError();
        assertTrue(network.startsWith("Signing in is not allowed from this network"), network);

        // Five free failures, then the account is locked for a growing time.
        String locked = "";
        for (int i = 0; i < 8 && !locked.contains("locked for"); i++) {
            pages.submitLogin(CARELESS, "wrong password " + i);
            locked = pages.loginError();
        }
        assertTrue(locked.matches("Too many failed sign-ins: signing in is locked for this account or this computer\\. "
                + "Try again in \\d+ (seconds|minutes)\\."), locked);
        chrome.assertNoConsoleErrors("login.html", refusedWith(401, 403, 429));
    }

    @Test
    void endedSessionSendsToLoginAndBack() {
        pages.login(GUARD, PASSWORD);
        pages.open("/camera.html?id=cam-01");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("timeline-summary")).getText().isBlank());
        chrome.driver.manage().deleteAllCookies(); // as if the session had expired
        chrome.driver.findElement(By.id("refresh-timeline")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login.html?next="));
        WebElement name = chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("username")));
        name.sendKeys(GUARD);
        chrome.driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/camera.html?id=cam-01"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("timeline-summary")).getText().isBlank());
        chrome.assertNoConsoleErrors("camera.html after signing in again", refusedWith(401));
    }

    @Test
    void cameraListRefreshesLiveStatus() {
        pages.login(GUARD, PASSWORD);
        WebElement updated = chrome.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("refreshed-at")));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !updated.getText().isBlank());
        String first = updated.getText();
        WebElement cam1 = chrome.driver.findElement(By.cssSelector("[data-camera='cam-01']"));
        assertEquals("Recording", cam1.findElement(By.className("camera-state")).getText());
        WebElement cam2 = chrome.driver.findElement(By.cssSelector("[data-camera='cam-02']"));
        assertEquals("Down", cam2.findElement(By.className("camera-state")).getText());
        assertEquals("connection refused", cam2.findElement(By.className("camera-reason")).getText());
        assertTrue(chrome.driver.findElements(By.cssSelector("[data-camera='cam-03']")).isEmpty(), "only the guard's cameras");
        // The list is fetched again every 5 s without reloading the page.
        chrome.waitUpTo(Duration.ofSeconds(15)).until(d -> !updated.getText().equals(first));
        assertTrue(chrome.driver.findElement(By.cssSelector("[data-camera='cam-01'] .camera-last-frame")).getText().matches("\\d+ s ago .*"));
        chrome.assertNoConsoleErrors("index.html");
    }

    @Test
    void loginPageIsKeyboardFirst() {
        pages.open("/login.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("username")));
        assertEquals("username", activeId(), "the user name field has focus on load");
        chrome.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("password", activeId());
        chrome.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("login-submit", activeId());
        assertTrue(focusVisible(), "focused button shows a visible outline");
        chrome.assertNoConsoleErrors("login.html");
    }

    @Test
    void everyPageLoadsCleanlyForItsRoles() throws Exception {
        record Visit(String user, Role role, String path, String heading) {}
        List<Visit> visits = List.of(
                new Visit(GUARD, Role.SECURITY_STAFF, "/", "Cameras"),
                new Visit(GUARD, Role.SECURITY_STAFF, "/camera.html?id=cam-01", "Ward 1 corridor"),
                new Visit(OFFICER, Role.PRIVACY_OFFICER, "/", "Cameras"),
                new Visit(OFFICER, Role.PRIVACY_OFFICER, "/camera.html?id=cam-02", "Ward 2 corridor"),
                new Visit(OFFICER, Role.PRIVACY_OFFICER, "/ledger.html", "Access ledger"),
                new Visit(OFFICER, Role.PRIVACY_OFFICER, "/holds.html", "Legal holds"),
                new Visit(ADMIN, Role.ADMINISTRATOR, "/admin.html", "Users"),
                new Visit(ADMIN, Role.ADMINISTRATOR, "/ledger.html", "Access ledger"));
        // The check below is only worth something if the browser log really reaches us.
        pages.open("/login.html");
        chrome.js("console.error('vigil log probe');");
        assertTrue(chrome.takeLog().stream().anyMatch(e -> e.getMessage().contains("vigil log probe")), "browser log is collected");
        // ... and the pages really run under the gateway's CSP: an inline script is refused and reported,
        // so a clean log below means the pages need nothing the policy forbids.
        chrome.js("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true;'; document.body.appendChild(s);");
        assertEquals(null, chrome.js("return window.inlineRan === undefined ? null : window.inlineRan;"), "inline script blocked");
        assertTrue(chrome.takeLog().stream().anyMatch(e -> e.getMessage().contains("Content Security Policy")), "CSP violation reported");

        List<String> problems = new ArrayList<>();
        String signedIn = null;
        for (Visit v : visits) {
            if (!v.user().equals(signedIn)) {
                chrome.driver.manage().deleteAllCookies();
                pages.login(v.user(), PASSWORD);
                signedIn = v.user();
            }
            pages.open(v.path());
            chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("user-name"), v.user()));
            // Let the page's own requests finish (the busy flags and tables fill) before reading the log.
            chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(chrome.js(
                    "return document.querySelectorAll('[aria-busy=\"true\"]').length === 0"
                            + " && [...document.querySelectorAll('tbody')].every(t => t.children.length > 0 || t.closest('[hidden]'));")));
            String heading = chrome.driver.findElement(By.tagName("h1")).getText();
            if (!heading.contains(v.heading())) problems.add(v.path() + " as " + v.user() + ": heading '" + heading + "'");
            String role = chrome.driver.findElement(By.id("user-role")).getText();
            if (role.isBlank()) problems.add(v.path() + ": no role in the header");
            if (!chrome.driver.findElements(By.cssSelector(".message-error:not([hidden])")).isEmpty()) {
                problems.add(v.path() + " as " + v.user() + ": error shown: "
                        + chrome.driver.findElement(By.cssSelector(".message-error:not([hidden])")).getText());
            }
            try {
                chrome.assertNoConsoleErrors(v.path() + " as " + v.user());
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
            chrome.screenshot("page-" + v.role().configName() + "-" + v.path().replaceAll("[^a-z]+", "_"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void purposeDialogIsKeyboardAccessibleAndEscapeIssuesNoGrant() throws Exception {
        pages.login(GUARD, PASSWORD);
        pages.open("/camera.html?id=cam-01");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("timeline-summary")).getText().isBlank());
        long grantsBefore = grantIssues();

        // The time field and the View button are reachable with Tab from the day controls
        // (Tab first walks the time field's own hour, minute and second parts).
        chrome.js("document.getElementById('start-time').value = '00:00:01'; document.getElementById('refresh-timeline').focus();");
        List<String> walked = new ArrayList<>();
        for (int i = 0; i < 14 && !"view-button".equals(activeId()); i++) {
            chrome.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            walked.add(activeId());
        }
        assertEquals("view-button", activeId(), "Tab reaches the View button: " + walked);
        assertTrue(walked.contains("start-time"), "Tab passes the time field: " + walked);
        assertTrue(focusVisible(), "focused button shows a visible outline");
        chrome.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> dialogOpen());
        assertEquals("purpose-category", activeId());
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chrome.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            order.add(activeId());
        }
        assertEquals(List.of("purpose-text", "purpose-length", "purpose-submit", "purpose-cancel"), order, "tab order in the dialog");
        chrome.screenshot("camera-purpose-dialog");

        // Submitting without a purpose says what is missing and stays open.
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("x", Keys.ENTER);
        assertTrue(dialogOpen());
        assertEquals("Choose the purpose of viewing.", chrome.driver.findElement(By.id("purpose-error")).getText());

        chrome.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> !dialogOpen());
        assertEquals("view-button", activeId(), "focus returns to the button that opened the dialog");
        assertTrue(chrome.driver.findElement(By.id("player-section")).getAttribute("hidden") != null, "no player");
        assertEquals(grantsBefore, grantIssues(), "cancelling issues no grant");
        chrome.assertNoConsoleErrors("camera.html");
    }

    @Test
    void timelineWorksByKeyboard() {
        pages.login(GUARD, PASSWORD);
        // Yesterday: every moment of it is in the past, whenever the test runs.
        String yesterday = (String) chrome.js("const d = new Date(); d.setDate(d.getDate() - 1); return Vigil.isoDay(d);");
        pages.open("/camera.html?id=cam-01&day=" + yesterday);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("timeline-summary")).getText().contains(yesterday));
        WebElement timeline = chrome.driver.findElement(By.id("timeline"));
        chrome.js("document.getElementById('refresh-timeline').focus();");
        chrome.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("timeline", activeId(), "the timeline is next in the tab order");
        assertTrue(focusVisible(), "the focused timeline shows a visible outline");
        timeline.sendKeys(Keys.HOME, Keys.PAGE_UP, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.chord(Keys.SHIFT, Keys.ARROW_RIGHT));
        assertEquals("01:12:00", chrome.js("return document.getElementById('start-time').value;"));
        assertEquals("01:12:00, not recorded", timeline.getAttribute("aria-valuetext"));
        assertEquals(String.valueOf(72 * 60), timeline.getAttribute("aria-valuenow"));
        timeline.sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> dialogOpen());
        assertTrue(chrome.driver.findElement(By.id("purpose-summary")).getText().contains(yesterday + " 01:12:00"),
                chrome.driver.findElement(By.id("purpose-summary")).getText());
        chrome.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> !dialogOpen());
        chrome.assertNoConsoleErrors("camera.html");
    }

    @Test
    void officerPlacesExtendsAndReleasesALegalHold() throws Exception {
        pages.login(OFFICER, PASSWORD);
        pages.open("/holds.html");
        WebElement cam = chrome.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#hold-cameras input[value='cam-02']")));
        cam.click();
        setValue("hold-from", "2026-11-20T08:00:00");
        setValue("hold-to", "2026-11-20T09:30:00");
        setValue("hold-expires", "2027-01-31");
        chrome.driver.findElement(By.id("hold-reason")).sendKeys("Police request about the 20 November incident");
        chrome.driver.findElement(By.id("hold-reference")).sendKeys("POL-2026-0042", Keys.ENTER);
        WebElement row = chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//tbody[@id='holds-rows']/tr[td[normalize-space()='POL-2026-0042']]")));
        String text = row.getText();
        assertTrue(text.contains("active") && text.contains("cam-02") && text.contains("2026-11-20 08:00:00"), text);
        assertTrue(text.contains("2027-02-01 00:00:00"), "kept through the chosen day: " + text);
        chrome.screenshot("holds-officer");

        row.findElement(By.className("extend-button")).sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                chrome.js("return document.getElementById('extend-dialog').open;")));
        assertEquals("extend-until", activeId());
        setValue("extend-until", "2027-03-31");
        chrome.driver.findElement(By.id("extend-submit")).sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(
                By.xpath("//tbody[@id='holds-rows']/tr[td[normalize-space()='POL-2026-0042']]")).getText().contains("2027-04-01 00:00:00"));

        row = chrome.driver.findElement(By.xpath("//tbody[@id='holds-rows']/tr[td[normalize-space()='POL-2026-0042']]"));
        row.findElement(By.className("release-button")).sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(
                chrome.js("return document.getElementById('release-dialog').open;")));
        assertEquals("release-reason", activeId());
        chrome.driver.switchTo().activeElement().sendKeys("Case closed by the police", Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(
                By.xpath("//tbody[@id='holds-rows']/tr[td[normalize-space()='POL-2026-0042']]")).getText().contains("released"));
        assertEquals(1, gateway.store.ledger().search(e -> e.record().type().equals("hold.place"), 10).size());
        assertEquals(1, gateway.store.ledger().search(e -> e.record().type().equals("hold.extend"), 10).size());
        assertEquals(1, gateway.store.ledger().search(e -> e.record().type().equals("hold.release"), 10).size());
        chrome.assertNoConsoleErrors("holds.html");
    }

    @Test
    void administratorAddsAUser() throws Exception {
        pages.login(ADMIN, PASSWORD);
        pages.open("/admin.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#users-rows tr[data-user='" + GUARD + "']")));
        // Operators see the server's health on the same page.
        // (UP until cam-02, down since the harness booted, has been down longer than 5 minutes.)
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-checks li[data-check='ledger'] span[data-status='UP']")));
        assertTrue(List.of("UP", "DEGRADED").contains(chrome.driver.findElement(By.id("health-status")).getAttribute("data-status")));
        assertEquals("connection refused", chrome.driver.findElement(
                By.cssSelector("#health-cameras tr[data-camera='cam-02'] td.reason")).getText());
        chrome.driver.findElement(By.id("new-username")).sendKeys("guard.new");
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("new-role"))).selectByValue("security-staff");
        chrome.driver.findElement(By.id("new-password")).sendKeys("another long password");
        chrome.driver.findElement(By.id("new-password2")).sendKeys("another long password");
        chrome.driver.findElement(By.id("new-camera-ids")).sendKeys("cam-02", Keys.ENTER);
        WebElement row = chrome.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#users-rows tr[data-user='guard.new']")));
        assertTrue(row.getText().contains("Security staff") && row.getText().contains("cam-02"), row.getText());
        assertTrue(gateway.accounts.find("guard.new").isPresent(), "stored in the accounts table");
        assertFalse(chrome.driver.findElement(By.id("new-password")).getAttribute("value").length() > 0, "password field wiped");
        chrome.screenshot("admin-users");
        chrome.assertNoConsoleErrors("admin.html");
    }

    private long grantIssues() {
        return gateway.store.ledger().search(e -> e.record().type().equals("grant.issue"), 1000).size();
    }

    private boolean dialogOpen() {
        return Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;"));
    }

    private void setValue(String id, String value) {
        chrome.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }

    private String activeId() {
        return (String) chrome.js("return document.activeElement ? document.activeElement.id : null;");
    }

    private boolean focusVisible() {
        return Boolean.TRUE.equals(chrome.js(
                "const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"));
    }
}

package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import io.vigil.storage.LedgerEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Account administration as its users do it, with two browsers side by side (the
 * administrator's and the other person's): a disabled guard's open page signs out and
 * their sign-in is refused; a reset password forces the change at the next sign-in;
 * cameras added by an administrator reach the account only after a privacy officer
 * approves. Each change is a ledger entry naming who made it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsWebTest {
    private static final String PASSWORD = "a long enough password";
    private static final String ADMIN = "admin.kang";
    private static final String OFFICER = "officer.lim";

    @TempDir
    static Path tmp;

    private GatewayFixture gateway;
    private HeadlessChromium adminBrowser;
    private HeadlessChromium userBrowser;
    private WebPages admin;
    private WebPages user;

    @BeforeAll
    void start() throws Exception {
        adminBrowser = HeadlessChromium.start();
        userBrowser = HeadlessChromium.start();
        gateway = new GatewayFixture(tmp, GatewaySite.browser());
        gateway.addUser(ADMIN, Role.ADMINISTRATOR, List.of(), PASSWORD);
        gateway.addUser(OFFICER, Role.PRIVACY_OFFICER, List.of(), PASSWORD);
        admin = new WebPages(adminBrowser, gateway.baseUrl());
        user = new WebPages(userBrowser, gateway.baseUrl());
    }

    @AfterEach
    void signOut() {
        adminBrowser.driver.manage().deleteAllCookies();
        userBrowser.driver.manage().deleteAllCookies();
        // Leave the pages, whose timers would otherwise fire without a session into the next test's log.
        adminBrowser.driver.get("about:blank");
        userBrowser.driver.get("about:blank");
        adminBrowser.takeLog();
        userBrowser.takeLog();
    }

    @AfterAll
    void stop() {
        if (adminBrowser != null) adminBrowser.close();
        if (userBrowser != null) userBrowser.close();
        if (gateway != null) gateway.close();
    }

    @Test
    void disablingAGuardEndsTheirOpenPageAndRefusesTheirSignIn() throws Exception {
        gateway.addUser("guard.leaving", Role.SECURITY_STAFF, List.of("cam-01"), PASSWORD);
        user.login("guard.leaving", PASSWORD);
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-camera='cam-01']")));

        admin.login(ADMIN, PASSWORD);
        admin.open("/admin.html");
        clickAction("guard.leaving", "disable");
        confirm();
        WebElement row = waitForRowText("guard.leaving", "disabled");
        assertTrue(row.getText().contains("disabled"), row.getText());
        adminBrowser.assertNoConsoleErrors("admin.html");

        // The guard's page refreshes the camera list every 5 s: the next refresh finds no session.
        userBrowser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login.html"));
        user.submitLogin("guard.leaving", PASSWORD);
        assertEquals("Wrong user name or password.", user.loginError());
        LedgerEntry e = only("user.disable");
        assertEquals(ADMIN, e.record().actor());
        assertEquals("guard.leaving", e.record().details().get("user"));
        assertEquals("1", e.record().details().get("sessionsEnded"));
    }

    @Test
    void aResetPasswordMustBeChangedAtTheNextSignIn() throws Exception {
        gateway.addUser("guard.forgetful", Role.SECURITY_STAFF, List.of("cam-01"), PASSWORD);
        admin.login(ADMIN, PASSWORD);
        admin.open("/admin.html");
        clickAction("guard.forgetful", "reset");
        confirm();
        WebElement otpBox = adminBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("otp-value")));
        String otp = otpBox.getText();
        assertTrue(otp.matches("[A-Za-z2-9]{16}"), otp);
        adminBrowser.screenshot("admin-one-time-password");
        adminBrowser.driver.findElement(By.id("otp-close")).click();
        waitForRowText("guard.forgetful", "must change the password");
        assertFalse(ledgerText().contains(otp), "the one-time password is never ledgered");

        user.submitLogin("guard.forgetful", PASSWORD);
        assertEquals("Wrong user name or password.", user.loginError());
        user.submitLogin("guard.forgetful", otp);
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/password.html"));
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("password-forced")));
        // Nothing else until the password is changed: another page sends back here, the API refuses.
        user.open("/");
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/password.html"));
        Object status = userBrowser.asyncJs("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/cameras').then(r => done(r.status));");
        assertEquals(403L, status);
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("current-password"))).sendKeys(otp);
        userBrowser.driver.findElement(By.id("new-password")).sendKeys("my own new password");
        userBrowser.driver.findElement(By.id("new-password2")).sendKeys("my own new password");
        userBrowser.driver.findElement(By.id("password-submit")).click();
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/password.html"));
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-camera='cam-01']")));
        userBrowser.assertNoConsoleErrors("password.html and cameras",
                m -> (m.contains("/api/v1/cameras") && m.contains("403")) || (m.contains("/api/v1/login") && m.contains("401")));
        user.logout();
        user.login("guard.forgetful", "my own new password");
        assertEquals(ADMIN, only("user.password.reset").record().actor());
        assertEquals("guard.forgetful", only("user.password.change").record().actor());
    }

    @Test
    void camerasAddedByAnAdministratorWaitForAPrivacyOfficer() throws Exception {
        gateway.addUser("guard.new", Role.SECURITY_STAFF, List.of("cam-01"), PASSWORD);
        admin.login(ADMIN, PASSWORD);
        admin.open("/admin.html");
        clickAction("guard.new", "cameras");
        WebElement cam3 = adminBrowser.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#cameras-choices input[value='cam-03']")));
        cam3.click();
        adminBrowser.driver.findElement(By.id("cameras-submit")).click();
        waitForRowText("guard.new", "awaiting");
        assertEquals(List.of(CameraId.of("cam-01")), gateway.accounts.find("guard.new").orElseThrow().cameras(), "nothing new held yet");

        // The guard does not get the camera meanwhile.
        user.login("guard.new", PASSWORD);
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-camera='cam-01']")));
        assertTrue(userBrowser.driver.findElements(By.cssSelector("[data-camera='cam-03']")).isEmpty());
        userBrowser.driver.manage().deleteAllCookies();

        // The administrator cannot approve their own proposal.
        Object selfApproval = adminBrowser.asyncJs("const done = arguments[arguments.length - 1];"
                + "Vigil.postJson('/api/v1/users/guard.new/cameras/approve').then(() => done('approved'), e => done(e.status));");
        assertEquals(403L, selfApproval);

        user.login(OFFICER, PASSWORD);
        user.open("/approvals.html");
        WebElement approve = userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#approvals-rows tr[data-user='guard.new'] button[data-action='approve']")));
        assertTrue(userBrowser.driver.findElement(By.cssSelector("#approvals-rows tr[data-user='guard.new']")).getText().contains("cam-03"));
        userBrowser.screenshot("approvals-officer");
        approve.click();
        userBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("approvals-ok"), "guard.new"));
        assertEquals(List.of(CameraId.of("cam-01"), CameraId.of("cam-03")), gateway.accounts.find("guard.new").orElseThrow().cameras());
        userBrowser.assertNoConsoleErrors("approvals.html");

        LedgerEntry proposed = only("user.cameras.propose");
        assertEquals(ADMIN, proposed.record().actor());
        assertEquals("cam-03", proposed.record().details().get("proposed"));
        LedgerEntry approved = only("user.cameras.approve");
        assertEquals(OFFICER, approved.record().actor());
        assertEquals(Map.of("added", "cam-03", "proposedBy", ADMIN), Map.of("added", approved.record().details().get("added"),
                "proposedBy", approved.record().details().get("proposedBy")));
    }

    private void clickAction(String username, String action) {
        adminBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#users-rows tr[data-user='" + username + "'] button[data-action='" + action + "']"))).click();
    }

    private void confirm() {
        adminBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("confirm-submit"))).click();
    }

    private WebElement waitForRowText(String username, String text) {
        By row = By.cssSelector("#users-rows tr[data-user='" + username + "']");
        adminBrowser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(row, text));
        return adminBrowser.driver.findElement(row);
    }

    private LedgerEntry only(String type) {
        List<LedgerEntry> found = gateway.store.ledger().search(e -> e.record().type().equals(type), 10);
        assertEquals(1, found.size(), type + ": " + found);
        return found.get(0);
    }

    private String ledgerText() {
        return gateway.store.ledger().search(e -> true, 10_000).toString();
    }
}

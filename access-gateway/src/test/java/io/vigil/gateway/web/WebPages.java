package io.vigil.gateway.web;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Steps on the gateway's pages that several tests take, done the way a user does them. */
final class WebPages {
    private final HeadlessChromium chrome;
    private final String baseUrl;

    WebPages(HeadlessChromium chrome, String baseUrl) {
        this.chrome = chrome;
        this.baseUrl = baseUrl;
    }

    /** Opens the login page, types the credentials and presses Enter in the password field. */
    void login(String user, String password) {
        submitLogin(user, password);
        // URL and error text are read in one script run, in one document: read separately, the
        // successful login could navigate away in between and detach the error element.
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return !location.pathname.endsWith('/login.html')"
                        + " || (document.getElementById('login-error').textContent || '').trim() !== '';"));
        if (chrome.driver.getCurrentUrl().contains("/login.html")) {
            throw new AssertionError("login of " + user + " refused: " + chrome.driver.findElement(By.id("login-error")).getText());
        }
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.id("user-name"), user));
    }

    /** Types and submits the login form without waiting for the answer. */
    void submitLogin(String user, String password) {
        chrome.driver.get(baseUrl + "/login.html");
        WebElement name = chrome.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.id("username")));
        name.clear();
        name.sendKeys(user);
        WebElement pw = chrome.driver.findElement(By.id("password"));
        pw.clear();
        pw.sendKeys(password, Keys.ENTER);
    }

    /** The login error text once one is shown. */
    String loginError() {
        WebElement box = chrome.driver.findElement(By.id("login-error"));
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> box.isDisplayed() && !box.getText().isBlank());
        return box.getText();
    }

    void open(String path) {
        chrome.driver.get(baseUrl + path);
    }

    void logout() {
        chrome.driver.findElement(By.id("logout")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login.html"));
    }
}

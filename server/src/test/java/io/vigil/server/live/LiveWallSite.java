package io.vigil.server.live;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.VigilServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the live wall's browser tests and the live-latency benchmark share: a whole server's
 * config pulling simulated cameras over RTSP ({@link SimulatedSiteConfig}), a guard allowed
 * every camera, and the guard's steps in Chromium (sign in; open the wall with a purpose and
 * wait for its tiles).
 */
public final class LiveWallSite {
    public static final String GUARD = "guard";
    public static final String PASSWORD = "guard password 123";

    private LiveWallSite() {}

    /** The guard, a security staff member allowed {@code cameras}. */
    public static void addGuard(VigilServer server, List<CameraId> cameras) {
        new AccountService(server.store(), Clock.systemUTC()).addUser(GUARD, Role.SECURITY_STAFF, cameras, PASSWORD.toCharArray());
    }

    /** Signs the guard in on the login page at {@code base} (the server's viewer URL, ending in '/'). */
    public static void login(ChromeDriver chrome, String base) {
        chrome.get(base + "login.html");
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("username")).isDisplayed());
        chrome.findElement(By.id("username")).sendKeys(GUARD);
        chrome.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
        new WebDriverWait(chrome, Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("/login.html"));
    }

    /**
     * Opens the live wall with every one of the {@code cameras} offered, states {@code purpose}
     * (category facility safety) and waits, up to {@code wait}, for a tile per camera.
     */
    public static void openWall(ChromeDriver chrome, String base, int cameras, String purpose, Duration wait) {
        chrome.get(base + "live.html");
        WebDriverWait until = new WebDriverWait(chrome, wait);
        until.until(d -> d.findElements(By.cssSelector("#camera-choices input")).size() == cameras);
        new Select(chrome.findElement(By.id("purpose-category"))).selectByValue("facility-safety");
        chrome.findElement(By.id("purpose-text")).sendKeys(purpose);
        chrome.findElement(By.id("start-button")).click();
        until.until(d -> d.findElements(By.cssSelector("#wall .tile")).size() == cameras);
    }

    /** Each camera's tile video's current time (-1 without a video), read in one script run. */
    public static double[] currentTimes(ChromeDriver chrome, List<CameraId> cameras) {
        List<?> v = (List<?>) js(chrome, "return arguments[0].map(c => { const v = document.querySelector('.tile[data-camera=\"' + c + '\"] video');"
                + " return v ? v.currentTime : -1; });", cameras.stream().map(CameraId::value).toList());
        return v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    /**
     * Waits until every camera's tile has a picture and then until each has played on by more
     * than {@code seconds} beyond where it was: the pictures advance in every tile.
     */
    public static void awaitAllAdvance(ChromeDriver chrome, List<CameraId> cameras, double seconds, Duration wait) {
        WebDriverWait until = new WebDriverWait(chrome, wait);
        until.until(d -> java.util.Arrays.stream(currentTimes(chrome, cameras)).allMatch(x -> x > 0));
        double[] first = currentTimes(chrome, cameras);
        until.until(d -> {
            double[] now = currentTimes(chrome, cameras);
            for (int i = 0; i < now.length; i++) if (!(now[i] > first[i] + seconds)) return false;
            return true;
        });
    }

    /** Runs a script in the page. */
    public static Object js(ChromeDriver chrome, String script, Object... args) {
        return ((JavascriptExecutor) chrome).executeScript(script, args);
    }
}

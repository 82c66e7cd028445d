package io.vigil.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium driven by Debian's chromedriver, headless, with a profile of its own:
 * the one way every page test and the live-latency benchmark start a browser. Nothing is
 * downloaded: the browser and driver paths are fixed, so Selenium Manager is never
 * consulted. Certificates are not checked (the servers under test sign their own), media
 * autoplays, and the browser's console log is kept for the tests that read it.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The server-room screen the pages are made for. */
    public static final Dimension SCREEN = new Dimension(1366, 768);

    public final ChromeDriver driver;
    private final ChromeDriverService service;

    private Chromium(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /** What is missing to start a browser, in words with the package to install; null when nothing is. */
    public static String missing() {
        if (!Files.isExecutable(BINARY)) return BINARY + " is missing (apt-get install chromium)";
        if (!Files.isExecutable(DRIVER)) return DRIVER + " is missing (apt-get install chromium-driver)";
        return null;
    }

    /** A browser at {@link #SCREEN} size with its profile in {@code profile} (created when missing). */
    public static Chromium start(Path profile) throws IOException {
        return start(profile, SCREEN, Map.of());
    }

    /**
     * @param window the window size
     * @param prefs  Chromium preferences (e.g. where downloads go), or empty
     */
    public static Chromium start(Path profile, Dimension window, Map<String, Object> prefs) throws IOException {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--ignore-certificate-errors", "--autoplay-policy=no-user-gesture-required",
                "--window-size=" + window.getWidth() + "," + window.getHeight(),
                "--user-data-dir=" + Files.createDirectories(profile).toAbsolutePath());
        if (!prefs.isEmpty()) options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(window);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Chromium(driver, service);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}

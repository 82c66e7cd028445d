package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.testkit.Chromium;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page test's browser: the test kit's {@link Chromium} (Debian's chromium and chromedriver,
 * headless) with a fresh temporary profile and a downloads folder, plus the helpers page
 * tests share. Tests are skipped (not failed) where the packages are missing.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    /** Where the browser saves downloads (exports, CSV) without asking. */
    final Path downloads;
    private final Chromium browser;
    private final Path profile;

    private HeadlessChromium(Chromium browser, Path profile, Path downloads) {
        this.browser = browser;
        this.driver = browser.driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Starts the browser at 1366x768, the server-room screen the pages are made for. */
    static HeadlessChromium start() throws IOException {
        String missing = Chromium.missing();
        assumeTrue(missing == null, () -> "skipped: " + missing);
        Path profile = Files.createTempDirectory("vigil-chromium-");
        Path downloads = Files.createDirectories(profile.resolve("downloads"));
        Chromium browser = Chromium.start(profile, Chromium.SCREEN, Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        return new HeadlessChromium(browser, profile, downloads);
    }

    /** A wait that tolerates the pages rebuilding their tables and lists while it polls. */
    WebDriverWait waitUpTo(Duration d) {
        WebDriverWait wait = new WebDriverWait(driver, d);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Browser console entries since the last call (the driver hands each entry out once). */
    List<LogEntry> takeLog() {
        return new ArrayList<>(driver.manage().logs().get(LogType.BROWSER).getAll());
    }

    /**
     * Asserts that the page logged no error since the last call: no uncaught exception,
     * no failed script, no CSP violation, no failed resource, except those the caller
     * expects (e.g. a deliberate 401 on a wrong password).
     */
    void assertNoConsoleErrors(String page, Predicate<String> expected) {
        List<String> errors = takeLog().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(expected.negate())
                .toList();
        assertEquals(List.of(), errors, "browser errors on " + page);
    }

    void assertNoConsoleErrors(String page) {
        assertNoConsoleErrors(page, m -> false);
    }

    /** Saves a PNG of the viewport under target/screenshots/NAME.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> jsMap(String script, Object... args) {
        return (Map<String, Object>) js(script, args);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}

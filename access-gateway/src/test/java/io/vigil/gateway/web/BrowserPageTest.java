package io.vigil.gateway.web;

import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up page test classes share: one browser and one gateway for the whole class,
 * started before its tests and closed after them. Chromium starts first, so a machine
 * without it skips the class before a server starts; then the gateway over a real store in
 * {@link #tmp}; {@link #pages} does the steps a user takes. A subclass adds its footage and
 * accounts in a {@code @BeforeAll} of its own (with another name), which JUnit runs after
 * this one, and its tests share the browser's state in the order they declare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPageTest {
    /** The camera the page tests record their footage on. */
    static final String CAMERA = "cam-01";
    /** The password of every account a page test adds (accounts differ by name and role). */
    static final String PASSWORD = "correct horse battery";

    /** The class's temporary directory: the gateway's data and the test footage's work files. */
    protected Path tmp;
    protected HeadlessChromium chrome;
    protected GatewayFixture gateway;
    protected WebPages pages;

    @BeforeAll
    final void startBrowserAndGateway(@TempDir Path dir) throws Exception {
        tmp = dir;
        chrome = HeadlessChromium.start();
        gateway = startGateway(tmp);
        pages = new WebPages(chrome, gateway.baseUrl());
    }

    /** The gateway the class's pages talk to: the browser site's defaults unless a class needs other settings. */
    GatewayFixture startGateway(Path dir) throws Exception {
        return new GatewayFixture(dir, GatewaySite.browser());
    }

    @AfterAll
    final void closeBrowserAndGateway() {
        try {
            if (chrome != null) chrome.close();
        } finally {
            if (gateway != null) gateway.close();
        }
    }

    /**
     * {@code segments} consecutive 2 s segments of test footage on {@link #CAMERA}, from an even
     * second ten minutes ago (within the grants' reach, never in the future); returns their start.
     */
    Instant recordFootageTenMinutesAgo(int segments) throws Exception {
        Instant start = evenSecondBefore(Duration.ofMinutes(10));
        TestFootage.record(gateway.store.segments(), CAMERA, start, TestFootage.segments(tmp, segments));
        return start;
    }

    /** Adds an account with {@link #PASSWORD}. */
    void addUser(String name, Role role, String... cameras) {
        gateway.addUser(name, role, List.of(cameras), PASSWORD);
    }

    /** An even second about {@code ago} before now: where ingest's 2 s segments would start. */
    static Instant evenSecondBefore(Duration ago) {
        Instant t = Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS);
        return t.getEpochSecond() % 2 == 0 ? t : t.minusSeconds(1);
    }
}

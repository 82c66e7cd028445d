package io.vigil.gateway.web;

import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import io.vigil.gateway.requests.RequestSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * One browser and one gateway for a test class (the set-up the subject-request and masking
 * page tests share): headless chromium, a real gateway over a real store in {@code root},
 * and the pages' common steps. Closed in the reverse order.
 */
final class BrowserGateway implements AutoCloseable {
    static final String PASSWORD = "a long enough password";

    final HeadlessChromium chrome;
    final GatewayFixture gateway;
    final WebPages pages;
    final RequestPageSteps steps;

    private BrowserGateway(HeadlessChromium chrome, GatewayFixture gateway) {
        this.chrome = chrome;
        this.gateway = gateway;
        this.pages = new WebPages(chrome, gateway.baseUrl());
        this.steps = new RequestPageSteps(chrome, pages);
    }

    static BrowserGateway start(Path root) throws Exception {
        HeadlessChromium chrome = HeadlessChromium.start();
        try {
            return new BrowserGateway(chrome, new GatewayFixture(root, GatewaySite.browser()));
        } catch (Exception e) {
            chrome.close();
            throw e;
        }
    }

    /** Subject requests on Seoul's clock, with this machine's loopback as the kiosk's network (docs/requests.md). */
    BrowserGateway withKioskOnLoopback() {
        gateway.gateway.requestSettings(RequestSettings.defaults().withZone(ZoneId.of("Asia/Seoul"))
                .withKioskNetworks(List.of(NetworkRange.parse("127.0.0.0/8"))));
        return this;
    }

    BrowserGateway withUser(String name, Role role, List<String> cameras) {
        gateway.addUser(name, role, cameras, PASSWORD);
        return this;
    }

    void login(String user) {
        pages.login(user, PASSWORD);
    }

    @Override
    public void close() {
        try {
            chrome.close();
        } finally {
            gateway.close();
        }
    }
}

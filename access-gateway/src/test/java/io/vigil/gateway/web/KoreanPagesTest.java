package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.config.SiteSettings;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import io.vigil.gateway.i18n.Messages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Every page in Korean, as each role sees it: a site whose language is Korean, each role
 * signs in and opens every page (its own and the ones it may not use, which say so). On
 * each page every {@code data-i18n} element must show the Korean bundle's text for its key,
 * the title must be Korean, and no line of the visible text may be an English-only message
 * (a text of the English bundle that the Korean bundle does not also have): a string built
 * in code or a missing translation shows up as exactly that. The public pages (login,
 * policy) are checked signed out.
 */
class KoreanPagesTest {
    private static final String PASSWORD = "a long enough password";
    private static final List<String> PAGES = List.of("/", "/camera.html?camera=cam-01", "/live.html", "/sync.html",
            "/requests.html", "/approvals.html", "/admin.html", "/exports.html", "/password.html", "/ledger.html", "/holds.html",
            "/ledger-report.html");
    private static final Map<String, Role> USERS = Map.of("guard.kim", Role.SECURITY_STAFF, "manager.lee", Role.PRIVACY_MANAGER,
            "officer.choi", Role.PRIVACY_OFFICER, "admin.yoon", Role.ADMINISTRATOR);

    @TempDir
    Path tmp;

    @Test
    void everyPageOfEveryRoleIsInKorean() throws Exception {
        Map<String, String> ko = Messages.get().bundle("ko");
        Map<String, String> en = Messages.get().bundle("en");
        Set<String> englishOnly = new HashSet<>();
        Set<String> koValues = new HashSet<>(ko.values());
        for (Map.Entry<String, String> e : en.entrySet()) {
            String v = e.getValue().trim();
            if (!v.contains("{") && v.chars().anyMatch(Character::isLetter) && !koValues.contains(v) && v.length() > 1) englishOnly.add(v);
        }
        List<String> failures = new ArrayList<>();
        try (GatewayFixture gateway = new GatewayFixture(tmp, GatewaySite.browser().withSettings(new SiteSettings("ko", ZoneId.of("Asia/Seoul"))));
             HeadlessChromium chrome = HeadlessChromium.start()) {
            WebPages pages = new WebPages(chrome, gateway.baseUrl());
            USERS.forEach((name, role) -> gateway.addUser(name, role, List.of("cam-01", "cam-02"), PASSWORD));
            for (String page : List.of("/login.html", "/policy")) {
                pages.open(page);
                check(chrome, "signed out " + page, ko, englishOnly, failures);
            }
            for (Map.Entry<String, Role> u : USERS.entrySet()) {
                pages.login(u.getKey(), PASSWORD);
                for (String page : PAGES) {
                    pages.open(page);
                    check(chrome, u.getValue().configName() + " " + page, ko, englishOnly, failures);
                }
                chrome.driver.manage().deleteAllCookies(); // the next role signs in afresh
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " texts not from the Korean bundle:\n" + String.join("\n", failures));
    }

    @SuppressWarnings("unchecked")
    private static void check(HeadlessChromium chrome, String where, Map<String, String> ko, Set<String> englishOnly, List<String> failures) {
        JavascriptExecutor js = (JavascriptExecutor) chrome.driver;
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(js.executeScript(
                "return document.readyState === 'complete' && document.documentElement.hasAttribute('data-i18n-ready');")));
        // The page's own requests after the words arrive (lists, states): wait until the visible text stops changing.
        String[] last = {""};
        long[] stableSince = {System.nanoTime()};
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            String now = String.valueOf(js.executeScript("return document.body.innerText;"));
            if (!now.equals(last[0])) {
                last[0] = now;
                stableSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - stableSince[0] > 700_000_000L;
        });
        List<List<String>> tagged = (List<List<String>>) js.executeScript(
                "return Array.from(document.querySelectorAll('[data-i18n]')).map(e => [e.getAttribute('data-i18n'), e.textContent.trim()]);");
        for (List<String> t : tagged) {
            String expected = ko.get(t.get(0));
            if (expected == null) {
                failures.add(where + ": data-i18n key " + t.get(0) + " is not in the Korean bundle");
            } else if (!expected.contains("{") && !expected.trim().equals(t.get(1))) {
                failures.add(where + ": [data-i18n=" + t.get(0) + "] shows '" + t.get(1) + "', the bundle says '" + expected + "'");
            }
        }
        String title = chrome.driver.getTitle();
        if (!title.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL)) {
            failures.add(where + ": title '" + title + "' is not Korean");
        }
        for (String line : last[0].split("\\R")) {
            String l = line.trim();
            if (englishOnly.contains(l)) failures.add(where + ": English-only text '" + l + "'");
        }
    }
}

package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The masking section of a request's page (requests.html) as the privacy officer reads it:
 * each camera's row (state, place in line, progress, who started it and when, settings, the
 * released copy's SHA-256) and the kiosk code's line; and the proof that the page showed and
 * fetched no footage (no picture, video or canvas element, no request for a frame, thumbnail,
 * preview, copy or any other footage in the browser's resource timing).
 */
final class OfficerMaskingView {
    /** Paths that carry footage or pictures of it: none of them may be fetched by the officer's page. */
    private static final String FOOTAGE = "/masking/[^/?]+/(frame|preview|tracks|requester|copy|manifest)|/kiosk/viewings|/grants|/footage|/thumbnails|/live";

    /** What a camera's row shows. */
    record Row(String state, int position, String stateText, boolean progress, String started, String settings, String released,
               String sha256) {}

    private final HeadlessChromium chrome;
    private final WebPages pages;

    OfficerMaskingView(HeadlessChromium chrome, WebPages pages) {
        this.chrome = chrome;
        this.pages = pages;
    }

    /** Opens the request's page and waits for its masking section's rows; resource timings are kept from here on. */
    void open(String number, List<String> cameras) {
        pages.open("/requests.html?n=" + number);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-heading"), number));
        chrome.js("performance.setResourceTimingBufferSize(100000);");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d ->
                d.findElements(By.cssSelector("#masking-status-rows tr[data-camera]")).size() == cameras.size());
    }

    /** The row of {@code camera} once {@code shows} holds for it (the page refreshes itself while a job waits or runs). */
    Row waitFor(String camera, Predicate<Row> shows, Duration upTo) {
        return chrome.waitUpTo(upTo).until(d -> {
            Row r = row(camera);
            return r != null && shows.test(r) ? r : null;
        });
    }

    Row row(String camera) {
        Map<String, Object> m = chrome.jsMap("const tr = document.querySelector('#masking-status-rows tr[data-camera=\"' + arguments[0] + '\"]');"
                + "if (!tr) return null; const c = (s) => tr.querySelector(s);"
                + "return {state: c('.masking-state').dataset.state, position: c('.masking-state').dataset.position,"
                + " stateText: c('.masking-state').textContent, progress: !!c('.masking-state progress'),"
                + " started: c('.masking-started').textContent, settings: c('.masking-settings').textContent,"
                + " released: c('.masking-released').textContent, sha256: c('.masking-released').dataset.sha256 || ''};", camera);
        if (m == null) return null;
        return new Row((String) m.get("state"), Integer.parseInt(String.valueOf(m.get("position"))), (String) m.get("stateText"),
                Boolean.TRUE.equals(m.get("progress")), (String) m.get("started"), (String) m.get("settings"), (String) m.get("released"),
                (String) m.get("sha256"));
    }

    /** Scrolls the masking section into the window (for a screenshot). */
    void scrollIntoView() {
        chrome.js("document.getElementById('masking-status-section').scrollIntoView({block: 'start'});");
    }

    /** The kiosk code's line: its state (none, issued, used, expired) and its words. */
    String[] kiosk() {
        Map<String, Object> m = chrome.jsMap("const k = document.getElementById('masking-kiosk');"
                + "return {state: k.dataset.kioskState || '', text: k.textContent};");
        return new String[] {(String) m.get("state"), (String) m.get("text")};
    }

    /**
     * No footage on the page: no picture, video, canvas or embedded element anywhere in it,
     * and none of the resources the page fetched is footage; while the masking statuses were
     * fetched (so the check sees the page's own requests).
     */
    void assertNoFootage(String number) {
        Map<String, Object> m = chrome.jsMap("return {media: Array.from(document.querySelectorAll("
                + "'img, picture, video, audio, source, canvas, object, embed, iframe')).map((e) => e.outerHTML.slice(0, 120)),"
                + " fetched: performance.getEntriesByType('resource').map((e) => e.name)};");
        assertEquals(List.of(), m.get("media"), "no picture, video or canvas on the officer's page");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) m.get("fetched");
        assertTrue(fetched.stream().anyMatch(u -> u.contains("/api/v1/requests/" + number + "/masking/")),
                "the page's own requests are seen: " + fetched);
        List<String> footage = fetched.stream().filter(u -> java.util.regex.Pattern.compile(FOOTAGE).matcher(u).find()).toList();
        assertEquals(List.of(), footage, "no footage fetched by the officer's page");
        String links = (String) chrome.js("return Array.from(document.querySelectorAll('#masking-status-section a')).map((a) => a.href).join(' ');");
        assertFalse(links.contains("/masking/"), "no link to the copy or the preview: " + links);
    }

    /** Reads a masking status in the officer's own session, as the page does: which picture links it carries. */
    @SuppressWarnings("unchecked")
    Map<String, Object> pictureLinks(String path) {
        return (Map<String, Object>) chrome.asyncJs("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then((r) => r.json()).then((s) => done({"
                + " video: !!s.preview.video, thumbnails: s.preview.tracks.some((t) => !!t.thumbnail),"
                + " copy: !!(s.released.copy || s.released.manifest), tracks: s.preview.tracks.length > 0}))"
                + ".catch((e) => done({error: String(e)}));", path);
    }
}

package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Steps on the subject-request pages that several tests take, done as the hospital's people
 * do them: the register form (requests.html), opening a request and printing its notices, the
 * masking review (review.html: mark the requester, mask, release the copy) and the subject's
 * viewing at the kiosk (kiosk.html).
 */
final class RequestPageSteps {
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium chrome;
    private final WebPages pages;

    RequestPageSteps(HeadlessChromium chrome, WebPages pages) {
        this.chrome = chrome;
        this.pages = pages;
    }

    /** Fills the register form (identity checked with {@code documentType}, "" for not checked) without submitting it. */
    void fillRequest(String name, List<String> kinds, String camera, Instant from, Instant to, String documentType) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        setValue("requester-name", name);
        setValue("requester-contact", "010-2222-3333");
        setValue("document-type", documentType);
        setValue("checked-at", LOCAL.format(now.minusSeconds(300).atZone(SEOUL)));
        chrome.js("document.querySelectorAll('input[name=kind]').forEach(c => c.checked = arguments[0].includes(c.value));"
                + "document.querySelectorAll('input[name=camera]').forEach(c => c.checked = c.value === arguments[1]);", kinds, camera);
        setValue("window-from", LOCAL.format(from.atZone(SEOUL)));
        setValue("window-to", LOCAL.format(to.atZone(SEOUL)));
        setValue("description", "grey coat, sat near the pharmacy");
        setValue("reason", "I lost my wallet there");
    }

    /** Fills and submits the register form; returns the new request's number from the page's confirmation. */
    String register(String name, List<String> kinds, String camera, Instant from, Instant to) {
        fillRequest(name, kinds, camera, from, to, "resident-registration-card");
        chrome.js("document.getElementById('requests-ok').textContent = '';");
        chrome.driver.findElement(By.id("register-submit")).click();
        String ok = waitForText("requests-ok");
        assertTrue(ok.contains("SR-"), ok);
        String number = ok.substring(ok.indexOf("SR-"), ok.indexOf("SR-") + 12);
        chrome.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-request='" + number + "']")));
        return number;
    }

    /** Opens the request's page and waits until its notices are listed. */
    void openRequest(String number) {
        pages.open("/requests.html?n=" + number);
        chrome.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-heading"), number));
        chrome.waitUpTo(WAIT).until(d -> !d.findElements(By.cssSelector("#notice-list li[data-notice='receipt']")).isEmpty());
    }

    /** Clicks the notice's print link, reads the notice in the tab it opens, closes the tab. */
    String printed(String number, String kind, String lang) {
        return readTab(By.cssSelector("#notice-list li[data-notice='" + kind + "'] a.notice-print[data-lang='" + lang + "']"), number, lang);
    }

    /** Clicks an issued notice's "print again" link and reads the reprint in its tab. */
    String reprinted(String number, int issued, String lang) {
        return readTab(By.cssSelector("#issued-notice-list li[data-issued='" + issued + "'] a.notice-reprint"), number, lang);
    }

    private String readTab(By link, String number, String lang) {
        String page = chrome.driver.getWindowHandle();
        chrome.driver.findElement(link).click();
        chrome.waitUpTo(WAIT).until(d -> d.getWindowHandles().size() == 2);
        String tab = chrome.driver.getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst().orElseThrow();
        chrome.driver.switchTo().window(tab);
        String text = chrome.waitUpTo(WAIT).until(d -> {
            String s = d.findElement(By.tagName("body")).getText();
            return s.contains(number) ? s : null;
        });
        assertEquals(lang, chrome.driver.findElement(By.tagName("html")).getAttribute("lang"));
        chrome.driver.close();
        chrome.driver.switchTo().window(page);
        return text;
    }

    /**
     * In the masking review of an approved viewing: shows the first frame, marks the requester
     * by drawing {@code requester} on it, masks in {@code mode}; returns the preview's SHA-256.
     */
    String markAndMask(String number, int[] requester, String mode) {
        pages.open("/review.html?n=" + number);
        chrome.waitUpTo(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-heading"), number));
        chrome.driver.findElement(By.id("frame-show")).click();
        chrome.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("frame-canvas")));
        drawBox(requester);
        chrome.driver.findElement(By.id("mark-add")).click();
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#marks-list li[data-mark]")).size() == 1);
        chrome.js("document.getElementById('mode').value = arguments[0];", mode);
        chrome.driver.findElement(By.id("run-button")).click();
        return waitForPreview(null);
    }

    /** Releases the reviewed copy; returns the released copy's SHA-256 as the page shows it. */
    String release() {
        chrome.driver.findElement(By.id("release-button")).click();
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("released-section")));
        return chrome.driver.findElement(By.id("released-facts")).getAttribute("data-sha256");
    }

    /**
     * Drags a box on the frame canvas, in the frame's pixels: pointer down, moves, up, as the
     * mouse sends them. (Selenium's pointer actions reach Debian's headless Chromium 156 without
     * their pointerdown here, so the same PointerEvents are dispatched from the page.)
     */
    void drawBox(int[] box) {
        chrome.js("const c = document.getElementById('frame-canvas'); c.scrollIntoView({block: 'center'});"
                + "const r = c.getBoundingClientRect(); const b = arguments[0];"
                + "const at = (x, y) => ({clientX: r.left + x * r.width / c.width, clientY: r.top + y * r.height / c.height,"
                + "  bubbles: true, pointerId: 1, pointerType: 'mouse', isPrimary: true, buttons: 1});"
                + "c.dispatchEvent(new PointerEvent('pointerdown', at(b[0], b[1])));"
                + "c.dispatchEvent(new PointerEvent('pointermove', at(b[0] + b[2] / 2, b[1] + b[3] / 2)));"
                + "c.dispatchEvent(new PointerEvent('pointermove', at(b[0] + b[2], b[1] + b[3])));"
                + "c.dispatchEvent(new PointerEvent('pointerup', at(b[0] + b[2], b[1] + b[3])));",
                List.of(box[0], box[1], box[2], box[3]));
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("mark-add")).isEnabled());
    }

    /** Waits until the masking job is done and a preview other than {@code previous} is loaded; returns its SHA-256. */
    String waitForPreview(String previous) {
        chrome.waitUpTo(Duration.ofMinutes(5)).until(d -> {
            String s = d.findElement(By.id("run-state")).getAttribute("data-state");
            if ("failed".equals(s)) throw new AssertionError("masking failed: " + d.findElement(By.id("review-error")).getText());
            String sha = d.findElement(By.id("preview-video")).getAttribute("data-sha256");
            return "ready".equals(s) && sha != null && !sha.equals(previous);
        });
        return chrome.driver.findElement(By.id("preview-video")).getAttribute("data-sha256");
    }

    /**
     * The subject's viewing at the kiosk, the staff member signed in beside them: the number and
     * the one-time code open it; the released masked copy plays (its time advances) with no
     * download or picture-in-picture, the staff's navigation hidden, watermarked with the
     * number; then the viewing is ended.
     */
    void viewAtKiosk(String number, String code) throws java.io.IOException {
        pages.open("/kiosk.html");
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("kiosk-open")));
        chrome.driver.findElement(By.id("kiosk-number")).sendKeys(number);
        chrome.driver.findElement(By.id("kiosk-code")).sendKeys(code);
        chrome.driver.findElement(By.id("kiosk-open")).click();
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("kiosk-video")));
        chrome.js("document.getElementById('kiosk-video').play();");
        chrome.waitUpTo(WAIT).until(d ->
                ((Number) chrome.js("return document.getElementById('kiosk-video').currentTime;")).doubleValue() > 0.5);
        Map<String, Object> v = chrome.jsMap("const v = document.getElementById('kiosk-video');"
                + "return {list: v.getAttribute('controlsList'), pip: v.disablePictureInPicture, src: v.currentSrc,"
                + " header: getComputedStyle(document.getElementById('app-header')).display,"
                + " mark: document.getElementById('kiosk-watermark').textContent};");
        assertTrue(String.valueOf(v.get("list")).contains("nodownload"), v.toString());
        assertEquals(Boolean.TRUE, v.get("pip"), v.toString());
        assertTrue(String.valueOf(v.get("src")).contains("/api/v1/kiosk/viewings/"), "plays the released masked copy: " + v);
        assertEquals("none", v.get("header"), "the staff's navigation is hidden during the viewing");
        assertTrue(String.valueOf(v.get("mark")).contains(number), v.toString());
        chrome.screenshot("kiosk-viewing");
        chrome.driver.findElement(By.id("kiosk-end")).click();
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("kiosk-ended")));
    }

    /** Types the number and code at the kiosk once more; returns the refusal the kiosk shows. */
    String kioskRefusal(String number, String code) {
        chrome.driver.findElement(By.id("kiosk-number")).clear();
        chrome.driver.findElement(By.id("kiosk-number")).sendKeys(number);
        chrome.driver.findElement(By.id("kiosk-code")).sendKeys(code);
        chrome.driver.findElement(By.id("kiosk-open")).click();
        return waitForText("kiosk-error");
    }

    String waitForText(String id) {
        return chrome.waitUpTo(WAIT).until(d -> {
            String s = d.findElement(By.id(id)).getText();
            return s == null || s.isBlank() ? null : s;
        });
    }

    /** What the pages show for an instant: the site's clock (Seoul), 24-hour. */
    static String shown(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(t.atZone(SEOUL));
    }

    void setValue(String id, String value) {
        chrome.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
    }
}

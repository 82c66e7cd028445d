package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import io.vigil.gateway.requests.RequestForm;
import io.vigil.gateway.requests.RequestSettings;
import io.vigil.redaction.FaceFootage;
import io.vigil.storage.LedgerEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The masking review and the kiosk in the real browser over real stored footage of real
 * faces (the redaction module's FaceFootage: a requester standing still, a passer-by
 * walking below): the privacy manager marks the requester with the keyboard on a frame
 * (arrows move the box, Shift+arrows resize it, Enter marks), starts the masking and cancels
 * it (ledgered), masks in the scene mode, and checks the preview's pixels in the page (the
 * passer-by's face filled) and the requester's box drawn over the preview and the marking
 * frame; takes the passer-by's track out of the masking on a frame range only and adds a
 * region drawn with the mouse, masks again, and the preview shows exactly that change (the
 * face shown inside the range, still filled outside it); releases the copy (ledgered with
 * the model's and the output's SHA-256); then the server restarts (gateway and store), and
 * the kiosk opened with the one-time code plays the kept masked copy (currentTime advances)
 * with no download or picture-in-picture, watermarked with the request number; the code
 * does not work a second time. Last, the privacy officer follows the masking of another
 * request on its page while real jobs wait, run, are cancelled, fail and are released, and
 * sees no footage doing so ({@link #theOfficerFollowsTheMaskingWithoutSeeingFootage}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaskingPagesTest {
    private static final String PASSWORD = "a long enough password";
    private static final String MANAGER = "manager.kang";
    private static final String OFFICER = "officer.min";
    private static final int FRAMES = 75;
    /** A patch of textured background, away from both people's paths. */
    private static final int[] REGION = {480, 20, 100, 60};
    /** The frame the pixels are checked on: the passer-by's face is well inside the picture. */
    private static final int CHECK_FRAME = 25;
    /** A frame after the range the passer-by is left unmasked on (frames 20-34): masked again there. */
    private static final int AFTER_RANGE = 50;
    /** The keyboard's step on the frame (review-boxes.js STEP), and the box the first key press puts in the middle. */
    private static final int STEP = 8;
    /** The officer's request: 2-s segments of a plain scene on cam-02, a job long enough to be seen running, then cancelled. */
    private static final int LONG_SEGMENTS = 60;

    @TempDir
    static Path tmp;

    private GatewayFixture gateway;
    private HeadlessChromium chrome;
    private WebPages pages;
    /** The page steps shared with the subject-request tests (drawing the requester, waiting for a preview). */
    private RequestPageSteps steps;
    private Instant t0;
    private String number;
    private String code;

    @BeforeAll
    void start() throws Exception {
        chrome = HeadlessChromium.start();
        gateway = new GatewayFixture(tmp, GatewaySite.browser());
        gateway.gateway.requestSettings(RequestSettings.defaults().withZone(java.time.ZoneId.of("Asia/Seoul"))
                .withKioskNetworks(List.of(NetworkRange.parse("127.0.0.0/8"))));
        gateway.addUser(MANAGER, Role.PRIVACY_MANAGER, List.of("cam-01"), PASSWORD);
        gateway.addUser(OFFICER, Role.PRIVACY_OFFICER, List.of(), PASSWORD);
        t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long seq = 0;
        for (FaceFootage.Segment s : FaceFootage.segments(t0, FRAMES, 25)) {
            gateway.store.segments().append(CameraId.of("cam-01"), s.start(), s.end(), seq++, s.fmp4());
        }
        var requests = gateway.gateway.context().requests();
        number = requests.register(new RequestForm("Yoon Seojin", "010-3333-4444", "passport", "front-desk",
                Instant.now().minusSeconds(600), false, null, null, null, List.of("view"), List.of("cam-01"), t0,
                t0.plusSeconds(3), "green scarf, stood by the door", "to see my visit", false), "front-desk").number();
        code = requests.approve(number, "officer.min", "the footage shows the requester").kioskCode();
        pages = new WebPages(chrome, gateway.baseUrl());
        steps = new RequestPageSteps(chrome, pages);
    }

    @AfterAll
    void stop() {
        if (chrome != null) chrome.close();
        if (gateway != null) gateway.close();
    }

    @Test
    @Order(1)
    void markReviewEditReleaseAndViewAtTheKiosk() throws Exception {
        pages.login(MANAGER, PASSWORD);
        pages.open("/review.html?n=" + number);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-heading"), number));
        chrome.driver.findElement(By.id("frame-show")).click();
        chrome.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id("frame-canvas")));
        int[] marked = markWithTheKeyboard(FaceFootage.requesterBox(0));
        assertTrue(chrome.driver.findElement(By.id("marks-list")).getText().contains(marked[2] + "×" + marked[3] + " @ " + marked[0] + "," + marked[1]),
                "the box entered with the keys is the mark: " + chrome.driver.findElement(By.id("marks-list")).getText());
        chrome.js("document.getElementById('mode').value = 'mask-people';");

        // Started and cancelled at once: the job stops, nothing to review, the cancel is ledgered.
        chrome.driver.findElement(By.id("run-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("cancel-button"))).click();
        chrome.waitUpTo(Duration.ofSeconds(60)).until(d -> "cancelled".equals(d.findElement(By.id("run-state")).getAttribute("data-state")));
        assertTrue(chrome.driver.findElement(By.id("review-ok")).getText().contains(MANAGER), "who cancelled is said");
        assertFalse(chrome.driver.findElement(By.id("cancel-button")).isDisplayed(), "nothing left to cancel");
        assertEquals(1, gateway.store.ledger().search(e -> e.record().type().equals("subject-request.masking-cancel"), 5).size());

        chrome.driver.findElement(By.id("run-button")).click();
        String first = steps.waitForPreview(null);
        requesterBoxIsDrawn(marked);

        int[] passer = FaceFootage.passerFace(CHECK_FRAME);
        assertTrue(isFilled(passer), "the passer-by's face is masked in the preview: " + stats(passer));
        assertFalse(isFilled(REGION), "the background is kept in the scene mode: " + stats(REGION));
        assertFalse(isFilled(FaceFootage.requesterBox(CHECK_FRAME)), "the requester is kept");
        List<WebElement> others = chrome.driver.findElements(By.cssSelector("#tracks-list li[data-track]:not(.requester) input"));
        assertFalse(others.isEmpty(), "the passer-by's face track is listed");
        assertTrue(chrome.driver.findElement(By.cssSelector("#tracks-list li[data-track] img")).isDisplayed(), "tracks have thumbnails");
        chrome.screenshot("masking-review-first");

        // The reviewer takes every other track out of the masking on frames 20-34 only and adds a region, then masks again.
        int options = chrome.driver.findElements(By.cssSelector("#span-track option")).size();
        for (int i = 0; i < options; i++) {
            chrome.js("const s = document.getElementById('span-track'); s.selectedIndex = arguments[0];"
                    + "s.dispatchEvent(new Event('change')); document.getElementById('span-from').value = '0.8';"
                    + "document.getElementById('span-to').value = '1.36';", i);
            chrome.driver.findElement(By.id("span-add")).click();
        }
        assertEquals(options, chrome.driver.findElements(By.cssSelector("#spans-list li[data-span]")).size());
        steps.drawBox(REGION); // on the frame still shown, with the mouse
        chrome.js("document.getElementById('region-from').value = '0'; document.getElementById('region-to').value = '3';");
        chrome.driver.findElement(By.id("region-add")).click();
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#regions-list li[data-region]")).size() == 1);
        chrome.driver.findElement(By.id("rerun-button")).click();
        String second = steps.waitForPreview(first);
        assertNotEquals(first, second);
        assertFalse(isFilled(passer), "inside the range the track taken out of the masking shows again: " + stats(passer));
        int[] passerAfter = FaceFootage.passerFace(AFTER_RANGE);
        assertTrue(isFilled(passerAfter, AFTER_RANGE), "outside the range it stays masked: " + stats(passerAfter, AFTER_RANGE));
        assertTrue(isFilled(REGION), "the added region is masked: " + stats(REGION));
        chrome.screenshot("masking-review-edited");

        chrome.driver.findElement(By.id("release-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("released-section")));
        assertEquals(second, chrome.driver.findElement(By.id("released-facts")).getAttribute("data-sha256"));
        LedgerEntry release = gateway.store.ledger().search(e -> e.record().type().equals("subject-request.copy-release"), 5).get(0);
        assertEquals(second, release.record().details().get("output.sha256"));
        assertEquals(io.vigil.redaction.FaceModel.SHA256, release.record().details().get("model.sha256"));
        assertEquals(MANAGER, release.record().details().get("reviewer"));
        assertEquals("MASK_PEOPLE", release.record().details().get("mode"));
        assertEquals("data subject of " + number, release.record().recipient());
        chrome.assertNoConsoleErrors("review");

        // The server restarts between the release and the viewing: the released copy is kept.
        gateway.close();
        gateway = new GatewayFixture(tmp, GatewaySite.browser());
        gateway.gateway.requestSettings(RequestSettings.defaults().withZone(java.time.ZoneId.of("Asia/Seoul"))
                .withKioskNetworks(List.of(NetworkRange.parse("127.0.0.0/8"))));
        pages = new WebPages(chrome, gateway.baseUrl());
        steps = new RequestPageSteps(chrome, pages);
        chrome.driver.manage().deleteAllCookies();
        pages.login(MANAGER, PASSWORD);
        kiosk();
    }

    /**
     * Focuses the frame and enters a box around {@code target} with the keys: the first arrow
     * puts a quarter-size box in the middle, arrows move it by STEP px, Shift+arrows resize it,
     * Enter marks it. Returns the box entered (x, y, w, h: within STEP of the target).
     */
    private int[] markWithTheKeyboard(int[] target) {
        WebElement canvas = chrome.driver.findElement(By.id("frame-canvas"));
        chrome.js("arguments[0].focus();", canvas);
        int w = FaceFootage.WIDTH, h = FaceFootage.HEIGHT;
        int[] box = {Math.round(w * 3 / 8f), Math.round(h * 3 / 8f), Math.round(w / 4f), Math.round(h / 4f)};
        StringBuilder move = new StringBuilder(Keys.ARROW_RIGHT.toString()); // the first key only puts the box there
        int dx = Math.round((target[0] - box[0]) / (float) STEP), dy = Math.round((target[1] - box[1]) / (float) STEP);
        move.append(String.valueOf(dx < 0 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT).repeat(Math.abs(dx)));
        move.append(String.valueOf(dy < 0 ? Keys.ARROW_UP : Keys.ARROW_DOWN).repeat(Math.abs(dy)));
        box[0] += dx * STEP;
        box[1] += dy * STEP;
        int dw = Math.round((target[2] - box[2]) / (float) STEP), dh = Math.round((target[3] - box[3]) / (float) STEP);
        String resize = String.valueOf(dw < 0 ? Keys.ARROW_LEFT : Keys.ARROW_RIGHT).repeat(Math.abs(dw))
                + String.valueOf(dh < 0 ? Keys.ARROW_UP : Keys.ARROW_DOWN).repeat(Math.abs(dh));
        box[2] += dw * STEP;
        box[3] += dh * STEP;
        new Actions(chrome.driver).sendKeys(move.toString()).keyDown(Keys.SHIFT).sendKeys(resize).keyUp(Keys.SHIFT).perform();
        String said = chrome.driver.findElement(By.id("frame-box")).getText();
        assertTrue(said.contains(box[2] + "×" + box[3] + " @ " + box[0] + "," + box[1]), "the box is said for screen readers: " + said);
        new Actions(chrome.driver).sendKeys(Keys.ENTER).perform(); // to the focused frame (no click: that would draw)
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#marks-list li[data-mark]")).size() == 1);
        return box;
    }

    /** The requester's box of the masking is drawn over the preview (the frame it shows) and over the marking frame. */
    private void requesterBoxIsDrawn(int[] marked) {
        chrome.js("const v = document.getElementById('preview-video'); v.currentTime = arguments[0];", (CHECK_FRAME + 0.5) / FaceFootage.FPS);
        String box = chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            String b = d.findElement(By.id("preview-overlay")).getAttribute("data-box");
            String f = d.findElement(By.id("preview-overlay")).getAttribute("data-frame");
            return b != null && !b.isEmpty() && String.valueOf(CHECK_FRAME).equals(f) ? b : null;
        });
        assertTrue(overlap(box, marked) > 0.5, "the requester's box over the preview at frame " + CHECK_FRAME + ": " + box);
        String kept = chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("frame-canvas")).getAttribute("data-kept"));
        assertTrue(overlap(kept, marked) > 0.5, "and over the marking frame: " + kept);
        assertTrue(chrome.driver.findElement(By.id("frame-legend")).isDisplayed(), "with its legend");
    }

    /** Intersection over union of a box "x,y,w,h" and {x, y, w, h}. */
    private static double overlap(String box, int[] b) {
        String[] p = box.split(",");
        int x = Integer.parseInt(p[0]), y = Integer.parseInt(p[1]), w = Integer.parseInt(p[2]), h = Integer.parseInt(p[3]);
        int ix = Math.max(0, Math.min(x + w, b[0] + b[2]) - Math.max(x, b[0]));
        int iy = Math.max(0, Math.min(y + h, b[1] + b[3]) - Math.max(y, b[1]));
        double inter = (double) ix * iy;
        return inter / ((double) w * h + (double) b[2] * b[3] - inter);
    }

    /** The subject's viewing at the kiosk with the one-time code (the released copy plays), then the code refused once used. */
    private void kiosk() throws Exception {
        steps.viewAtKiosk(number, code);
        String refused = steps.kioskRefusal(number, code);
        assertTrue(refused.contains("already used"), refused);
        chrome.assertNoConsoleErrors("kiosk", m -> m.contains("status of 403"));
        List<String> kioskEntries = gateway.store.ledger().search(e -> e.record().type().startsWith("subject-request.view")
                || e.record().type().equals("subject-request.kiosk-refused"), 10).stream().map(e -> e.record().type()).toList();
        assertEquals(List.of("subject-request.view", "subject-request.view-end", "subject-request.kiosk-refused"), kioskEntries);
        assertEquals(MANAGER, gateway.store.ledger().search(e -> e.record().type().equals("subject-request.view"), 1)
                .get(0).record().details().get("staffPresent"));
    }

    @Test
    @Order(2)
    void theKioskSpeaksKorean() {
        pages.login(MANAGER, PASSWORD);
        chrome.js("document.cookie = 'vigil_lang=ko; path=/; secure';");
        pages.open("/kiosk.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "본인 영상 열람"));
        assertEquals("열람 시작", chrome.driver.findElement(By.id("kiosk-open")).getText());
        pages.open("/review.html?n=" + number);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-heading"), "마스킹 검토"));
        chrome.assertNoConsoleErrors("kiosk and review (ko)");
        chrome.driver.manage().deleteAllCookies();
    }

    /**
     * The privacy officer follows the masking of a viewing of three cameras on its request page
     * while the manager masks through the API: a long job running with its progress, two
     * waiting with their places; the long one cancelled (who, when); one masked, then released
     * (the SHA-256 shown is the copy's); one failed with the reason in words; who started each
     * and when on the site's 24-hour clock; the kiosk code's state; in Korean too. Nothing of
     * the footage is shown or fetched, and the statuses the page reads carry no picture links.
     */
    @Test
    @Order(3)
    void theOfficerFollowsTheMaskingWithoutSeeingFootage() throws Exception {
        Instant t1 = t0.plus(Duration.ofMinutes(10));
        List<String> cameras = List.of("cam-01", "cam-02", "cam-03");
        String n = viewingOfThreeCameras(t1, cameras);
        ApiSession manager = ApiSession.login(gateway, MANAGER, PASSWORD);
        String base = "/api/v1/requests/" + n + "/masking/";
        manager.post(base + "cam-02/run", marked(t1, new int[] {100, 60, 80, 100}, "keep-only-requester"));
        manager.post(base + "cam-01/run", marked(t1, FaceFootage.requesterBox(0), "mask-people"));
        manager.post(base + "cam-03/run", marked(t1, new int[] {10, 10, 60, 60}, "keep-only-requester"));

        chrome.driver.manage().deleteAllCookies();
        pages.login(OFFICER, PASSWORD);
        OfficerMaskingView view = new OfficerMaskingView(chrome, pages);
        view.open(n, cameras);
        chrome.waitUpTo(Duration.ofSeconds(60)).until(d -> {
            OfficerMaskingView.Row longJob = view.row("cam-02");
            return longJob.state().equals("running") && longJob.progress() && view.row("cam-01").position() == 1
                    && view.row("cam-03").position() == 2;
        });
        OfficerMaskingView.Row running = view.row("cam-02");
        assertTrue(running.stateText().matches("Masking: segment \\d+ of " + LONG_SEGMENTS + "\\..*"), running.stateText());
        String startedAt = manager.get(base + "cam-02").get("startedAt").asText();
        assertEquals(MANAGER + ", " + RequestPageSteps.shown(Instant.parse(startedAt)), running.started(), "who and when, 24-hour site time");
        assertTrue(running.settings().startsWith("Only the requester (everything else filled) · 1 mark(s)"), running.settings());
        assertEquals("Waiting for other masking jobs: number 1 in line.", view.row("cam-01").stateText());
        assertEquals("Waiting for other masking jobs: number 2 in line.", view.row("cam-03").stateText());
        assertEquals("issued", view.kiosk()[0]);
        assertTrue(view.kiosk()[1].contains("not used yet") && view.kiosk()[1].contains("nothing to play"), view.kiosk()[1]);
        view.scrollIntoView();
        chrome.screenshot("officer-masking-running");

        manager.post(base + "cam-02/cancel", "{}");
        OfficerMaskingView.Row cancelled = view.waitFor("cam-02", r -> r.state().equals("cancelled"), Duration.ofSeconds(60));
        assertTrue(cancelled.stateText().startsWith("Cancelled by " + MANAGER + " at "), cancelled.stateText());
        OfficerMaskingView.Row failed = view.waitFor("cam-03", r -> r.state().equals("failed"), Duration.ofMinutes(5));
        assertTrue(failed.stateText().startsWith("Failed: Nothing to mask: there is no footage"), failed.stateText());
        OfficerMaskingView.Row ready = view.row("cam-01");
        assertEquals("ready", ready.state(), "masked before the job after it failed");
        assertEquals("Masked; the privacy manager is reviewing it before release.", ready.stateText());
        assertTrue(ready.settings().startsWith("The scene, with every other face masked · 1 mark(s)"), ready.settings());
        assertEquals("Not released.", ready.released());
        view.assertNoFootage(n);

        String sha = manager.post(base + "cam-01/release", "{}").get("released").get("sha256").asText();
        // The officer's page stays open with no job left running: it still follows the manager's release.
        OfficerMaskingView.Row released = view.waitFor("cam-01", r -> sha.equals(r.sha256()), Duration.ofSeconds(30));
        assertEquals(sha, released.sha256(), "the released copy's SHA-256");
        assertTrue(released.released().startsWith("Released by " + MANAGER + " at ") && released.released().contains(sha), released.released());
        assertEquals("Masked, reviewed and released.", released.stateText());
        assertFalse(view.kiosk()[1].contains("nothing to play"), view.kiosk()[1]);
        Map<String, Object> seen = view.pictureLinks(base + "cam-01");
        assertEquals(Map.of("video", false, "thumbnails", false, "copy", false, "tracks", true), seen,
                "the status the officer reads names no picture: " + seen);
        view.assertNoFootage(n);
        view.scrollIntoView();
        chrome.screenshot("officer-masking-released");
        chrome.assertNoConsoleErrors("requests (the officer follows the masking)");

        chrome.js("document.cookie = 'vigil_lang=ko; path=/; secure';");
        view.open(n, cameras);
        assertEquals("다른 사람 마스킹", chrome.driver.findElement(By.id("masking-status-heading")).getText());
        assertEquals("마스킹, 검토 후 제공했습니다.", view.row("cam-01").stateText());
        assertTrue(view.row("cam-03").stateText().startsWith("실패: "), view.row("cam-03").stateText());
        chrome.assertNoConsoleErrors("requests (the officer follows the masking, ko)");
        chrome.driver.manage().deleteAllCookies();
    }

    /** Footage for the officer's request: real faces on cam-01 (3 s), a long plain scene on cam-02, nothing on cam-03; approved. */
    private String viewingOfThreeCameras(Instant t1, List<String> cameras) throws Exception {
        long seq = 1000;
        for (FaceFootage.Segment s : FaceFootage.segments(t1, FRAMES, 25)) {
            gateway.store.segments().append(CameraId.of("cam-01"), s.start(), s.end(), seq++, s.fmp4());
        }
        List<byte[]> plain = TestFootage.segments(tmp, 5);
        for (int i = 0; i < LONG_SEGMENTS; i++) {
            Instant s = t1.plus(TestFootage.SEGMENT.multipliedBy(i));
            gateway.store.segments().append(CameraId.of("cam-02"), s, s.plus(TestFootage.SEGMENT), i + 1, plain.get(i % plain.size()));
        }
        var requests = gateway.gateway.context().requests();
        String n = requests.register(new RequestForm("Han Yerin", "010-4444-5555", "passport", "front-desk",
                Instant.now().minusSeconds(600), false, null, null, null, List.of("view"), cameras, t1,
                t1.plus(TestFootage.SEGMENT.multipliedBy(LONG_SEGMENTS)), "white cap", "to see my visit", false), "front-desk").number();
        requests.approve(n, OFFICER, "the footage shows the requester");
        return n;
    }

    /** The run's body: one mark at {@code at} and the mode. */
    private static String marked(Instant at, int[] box, String mode) {
        return "{\"mode\":\"" + mode + "\",\"marks\":[{\"at\":\"" + at + "\",\"x\":" + box[0] + ",\"y\":" + box[1]
                + ",\"w\":" + box[2] + ",\"h\":" + box[3] + "}]}";
    }

    private Map<String, Object> stats(int[] box) {
        return stats(box, CHECK_FRAME);
    }

    /** Mean and spread of a box of the preview's frame {@code frame}, read in the page from the video it plays. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> stats(int[] box, int frame) {
        return (Map<String, Object>) chrome.asyncJs("const done = arguments[arguments.length - 1]; const b = arguments[0];"
                + "const v = document.getElementById('preview-video');"
                + "const grab = () => { const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                + "  const g = c.getContext('2d'); g.drawImage(v, 0, 0); const d = g.getImageData(b[0], b[1], b[2], b[3]).data;"
                + "  let s = 0, s2 = 0, n = 0; for (let i = 0; i < d.length; i += 4) { const y = (d[i] + d[i + 1] + d[i + 2]) / 3; s += y; s2 += y * y; n++; }"
                + "  const m = s / n; done({mean: m, sd: Math.sqrt(Math.max(0, s2 / n - m * m))}); };"
                + "const seek = () => { v.addEventListener('seeked', () => grab(), {once: true}); v.currentTime = arguments[1]; };"
                + "if (v.readyState >= 2) seek(); else v.addEventListener('loadeddata', seek, {once: true});",
                List.of(box[0], box[1], box[2], box[3]), (frame + 0.5) / FaceFootage.FPS);
    }

    /** Solid grey (#808080, through H.264): the mean near 128 and almost no spread. */
    private boolean isFilled(int[] box) {
        return isFilled(box, CHECK_FRAME);
    }

    private boolean isFilled(int[] box, int frame) {
        Map<String, Object> s = stats(box, frame);
        double mean = ((Number) s.get("mean")).doubleValue(), sd = ((Number) s.get("sd")).doubleValue();
        return Math.abs(mean - 128) < 8 && sd < 4;
    }
}

package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.redaction.FaceFootage;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.segments.StoreInternals;
import io.vigil.testkit.ByteScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole subject-request flow as the hospital's people do it, in chromium: the privacy
 * manager registers three requests at the desk; the privacy officer approves the first (the
 * kiosk code is shown once, the existence statement and the viewing notice follow), refuses
 * the second on a statutory ground and prints the refusal notice with the routes of
 * objection, approves the deletion of the third. The manager masks the first request's
 * footage (real faces: the requester marked, the passer-by masked), releases the masked copy
 * (a provision to the requester in the management ledger), and sits beside the subject at
 * the kiosk (from the kiosk's network) while the masked copy plays with the one-time code,
 * which then no longer works; the manager erases the third request's footage. The ledger page
 * shows every step; a raw byte scan of the data directory finds nothing of the erased footage
 * (its ciphertext and its keys, wrapped or not) while every other segment still decrypts to
 * what was recorded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectRequestFlowTest {
    private static final String MANAGER = "manager.binna";
    private static final String OFFICER = "officer.heo";
    private static final int SEGMENTS = 10;
    /** The viewing's camera: real faces (the requester standing still, a passer-by walking), 3 s. */
    private static final String FACES = "cam-03";
    private static final int FACE_FRAMES = 75;
    private static final ZoneId SEOUL = RequestPageSteps.SEOUL;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private BrowserGateway web;
    private GatewayFixture gateway;
    private HeadlessChromium chrome;
    private WebPages pages;
    private RequestPageSteps steps;
    private Instant start;
    private final Map<String, List<byte[]>> recorded = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws Exception {
        web = BrowserGateway.start(tmp).withKioskOnLoopback()
                .withUser(MANAGER, Role.PRIVACY_MANAGER, List.of("cam-01", "cam-02", FACES))
                .withUser(OFFICER, Role.PRIVACY_OFFICER, List.of());
        gateway = web.gateway;
        chrome = web.chrome;
        pages = web.pages;
        steps = web.steps;
        start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        if (start.getEpochSecond() % 2 != 0) start = start.minusSeconds(1);
        List<byte[]> footage = TestFootage.segments(tmp, SEGMENTS);
        for (String cam : List.of("cam-01", "cam-02")) {
            TestFootage.record(gateway.store.segments(), cam, start, footage);
            recorded.put(cam, footage);
        }
        List<byte[]> faces = new ArrayList<>();
        long seq = 0;
        for (FaceFootage.Segment s : FaceFootage.segments(start, FACE_FRAMES, 25)) {
            gateway.store.segments().append(CameraId.of(FACES), s.start(), s.end(), seq++, s.fmp4());
            faces.add(s.fmp4());
        }
        recorded.put(FACES, faces);
    }

    @AfterAll
    void tearDown() {
        if (web != null) web.close();
    }

    @Test
    void registerDecideFulfilNotifyAndErase() throws Exception {
        web.login(MANAGER);
        pages.open("/requests.html");
        chrome.waitUpTo(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("camera-" + FACES)));
        String viewing = steps.register("Park Jiwoo", List.of("view", "confirm-existence"), FACES, start, start.plusSeconds(3));
        String refused = steps.register("Choi Yuna", List.of("view"), "cam-02", start, start.plusSeconds(6));
        String deletion = steps.register("Kang Minho", List.of("delete"), "cam-01", start.plusSeconds(10), start.plusSeconds(16));
        chrome.assertNoConsoleErrors("requests (manager registers)");
        pages.logout();

        web.login(OFFICER);
        String code = approveWithKioskCodeAndConfirmExistence(viewing);
        refuseAndPrintTheNotice(refused);
        steps.openRequest(deletion);
        chrome.driver.findElement(By.id("approve-button")).click();
        chrome.waitUpTo(WAIT).until(d -> d.findElement(By.cssSelector("tr[data-request='" + deletion + "'] .request-state")).getText().equals("Approved"));
        chrome.assertNoConsoleErrors("requests (officer decides)");
        pages.logout();

        web.login(MANAGER);
        maskReleaseAndViewAtTheKiosk(viewing, code);
        SegmentStore segments = gateway.store.segments();
        List<SegmentInfo> inScope = segments.list(CameraId.of("cam-01"), start.plusSeconds(10), start.plusSeconds(16));
        assertEquals(3, inScope.size());
        Map<String, byte[]> needles = needles(segments, inScope);
        for (Map.Entry<String, byte[]> n : needles.entrySet()) {
            if (n.getKey().endsWith("ciphertext")) assertFalse(ByteScan.filesContaining(data(), n.getValue()).isEmpty(), "sanity: " + n.getKey());
        }
        web.login(MANAGER); // back at the desk's computer (the kiosk is another screen in the hospital)
        eraseAsTheManager(deletion);
        assertGoneByRawScanAndTheRestIntact(segments, inScope, needles);
        assertTheLedgerShowsEveryStep(viewing, refused, deletion);
    }

    /**
     * The manager opens the masking review from the approved request, marks the requester on a
     * frame, masks the others and releases the copy; then, beside the subject at the kiosk, opens
     * the viewing with the number and the code: the masked copy plays; the code works once.
     */
    private void maskReleaseAndViewAtTheKiosk(String viewing, String code) throws Exception {
        steps.openRequest(viewing);
        chrome.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("masking-link"))).click();
        chrome.waitUpTo(WAIT).until(ExpectedConditions.urlContains("/review.html?n=" + viewing));
        String preview = steps.markAndMask(viewing, FaceFootage.requesterBox(0), "mask-people");
        assertEquals(preview, steps.release(), "the copy released is the one reviewed");
        chrome.assertNoConsoleErrors("review (manager masks and releases)");
        steps.viewAtKiosk(viewing, code);
        String again = steps.kioskRefusal(viewing, code);
        assertTrue(again.contains("already used"), again);
        chrome.assertNoConsoleErrors("kiosk", m -> m.contains("status of 403"));
    }

    /** The officer approves: the kiosk code shown once, a fresh one on demand; then the existence statement and the viewing notice. */
    private String approveWithKioskCodeAndConfirmExistence(String viewing) {
        steps.openRequest(viewing);
        chrome.driver.findElement(By.id("action-reason")).sendKeys("the footage shows the requester");
        chrome.driver.findElement(By.id("approve-button")).click();
        String code = chrome.waitUpTo(WAIT).until(d -> {
            String c = d.findElement(By.id("kiosk-code")).getAttribute("data-code");
            return c == null || c.isEmpty() ? null : c;
        });
        assertTrue(code.matches("[A-Z2-9]{5}-[A-Z2-9]{5}"), code);
        clickWhenVisible("kiosk-code-button");
        String second = chrome.waitUpTo(WAIT).until(d -> {
            String c = d.findElement(By.id("kiosk-code")).getAttribute("data-code");
            return c == null || c.equals(code) ? null : c;
        });
        assertTrue(chrome.driver.findElement(By.id("kiosk-code")).getText().contains(second));
        steps.openRequest(viewing);
        assertFalse(chrome.driver.findElement(By.id("kiosk-code")).isDisplayed(), "the code is shown once, not on the next visit");

        clickWhenVisible("existence-button");
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("existence-statement")));
        String statement = chrome.driver.findElement(By.id("existence-table")).getText();
        assertTrue(statement.contains(FACES) && statement.contains("Recorded"), statement);
        assertTrue(statement.contains(RequestPageSteps.shown(start)) && statement.contains(RequestPageSteps.shown(start.plusSeconds(3))), statement);
        chrome.waitUpTo(WAIT).until(d -> !d.findElements(By.cssSelector("#notice-list li[data-notice='existence']")).isEmpty());
        assertTrue(steps.printed(viewing, "viewing", "en").contains("Notice of viewing"));
        return second;
    }

    /** The officer refuses on a statutory ground and prints the notice with the routes of objection. */
    private void refuseAndPrintTheNotice(String refused) {
        steps.openRequest(refused);
        chrome.driver.findElement(By.id("ground-cannot-mask")).click();
        chrome.driver.findElement(By.id("refuse-text")).sendKeys("Twelve other patients in the waiting room cannot be masked.");
        chrome.driver.findElement(By.id("refuse-button")).click();
        chrome.waitUpTo(WAIT).until(d -> d.findElement(By.cssSelector("tr[data-request='" + refused + "'] .request-state")).getText().equals("Refused"));
        String refusal = steps.printed(refused, "refusal", "en");
        for (String s : List.of("Notice of refusal", refused, "Choi Yuna", "The other people in the footage cannot be masked",
                "Twelve other patients", "How to object", "Personal Information Dispute Mediation Committee", "1833-6972",
                "Administrative Appeals Act")) {
            assertTrue(refusal.contains(s), "'" + s + "' on the printed refusal notice:\n" + refusal);
        }
        assertTrue(steps.printed(refused, "refusal", "ko").contains("이의 제기 방법"), "the Korean notice");
        assertEquals("%PDF", pdfHead(refused, "refusal", "ko"), "the PDF the button saves");

        // Every notice issued is listed with the state and date it was issued, and prints again as issued.
        steps.openRequest(refused);
        List<String> issued = chrome.waitUpTo(WAIT).until(d -> {
            List<String> rows = d.findElements(By.cssSelector("#issued-notice-list li[data-issued]")).stream()
                    .map(org.openqa.selenium.WebElement::getText).toList();
            return rows.size() == 2 ? rows : null;
        });
        assertTrue(issued.get(0).startsWith("Refusal notice (English): issued ") && issued.get(0).contains("by " + OFFICER + ", the request then Refused"),
                issued.toString());
        assertTrue(issued.get(1).startsWith("Refusal notice (Korean)") || issued.get(1).startsWith("Refusal notice (한국어)"), issued.toString());
        String again = steps.reprinted(refused, 1, "en");
        assertTrue(again.contains("Twelve other patients") && again.contains("reprinted") && again.contains("by " + OFFICER), again);
    }

    /** The manager erases: refused until the confirmation is ticked, then done, and the destruction notice exists. */
    private void eraseAsTheManager(String deletion) {
        steps.openRequest(deletion);
        chrome.waitUpTo(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-button")));
        chrome.driver.findElement(By.id("erase-button")).click();
        assertTrue(steps.waitForText("action-error").contains("cannot be undone"), "erasing asks for the confirmation first");
        chrome.driver.findElement(By.id("erase-confirm")).click();
        chrome.driver.findElement(By.id("erase-button")).click();
        assertTrue(steps.waitForText("requests-ok").contains("Erased 3 segment(s)"), chrome.driver.findElement(By.id("requests-ok")).getText());
        chrome.waitUpTo(WAIT).until(d -> !d.findElements(By.cssSelector("#notice-list li[data-notice='destruction']")).isEmpty());
        assertTrue(steps.printed(deletion, "destruction", "en").contains("No footage of your request was kept."));
        chrome.assertNoConsoleErrors("requests (manager erases)");
        pages.logout();
    }

    private void assertGoneByRawScanAndTheRestIntact(SegmentStore segments, List<SegmentInfo> inScope, Map<String, byte[]> needles)
            throws Exception {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> n : needles.entrySet()) {
            for (Path p : ByteScan.filesContaining(data(), n.getValue())) found.add(n.getKey() + " in " + data().relativize(p));
        }
        assertTrue(found.isEmpty(), "erased footage still on disk:\n" + String.join("\n", found));
        for (SegmentInfo s : inScope) {
            assertFalse(Files.exists(StoreInternals.file(segments, s.key())), "file of " + s.key() + " deleted");
            org.junit.jupiter.api.Assertions.assertThrows(SegmentNotFoundException.class, () -> segments.read(s.key()));
        }
        for (String cam : recorded.keySet()) {
            List<SegmentInfo> left = segments.list(CameraId.of(cam), start, start.plusSeconds(2L * SEGMENTS));
            assertEquals(recorded.get(cam).size() - (cam.equals("cam-01") ? 3 : 0), left.size(), cam);
            for (SegmentInfo s : left) {
                int i = (int) (Duration.between(start, s.start()).toMillis() / Duration.between(s.start(), s.end()).toMillis());
                assertArrayEquals(recorded.get(cam).get(i), segments.read(s.key()), cam + " segment " + i + " intact");
            }
        }
    }

    /** Every step in the store's ledger in order, and on the officer's ledger page. */
    private void assertTheLedgerShowsEveryStep(String viewing, String refused, String deletion) throws Exception {
        // Staff's uses of footage to mask (frames shown, the masking run) and the notices printed are checked apart.
        List<String> quiet = List.of("subject-request.notice", "subject-request.masking-frame", "subject-request.masking-run");
        List<String> steps = gateway.store.ledger().search(e -> e.record().type().startsWith("subject-request.")
                        && !quiet.contains(e.record().type()) || e.record().type().equals("destruction"), 200).stream()
                .map(e -> e.record().type() + " " + e.record().details().get("request") + " " + e.record().actor()).toList();
        assertEquals(List.of("subject-request.register " + viewing + " " + MANAGER, "subject-request.register " + refused + " " + MANAGER,
                "subject-request.register " + deletion + " " + MANAGER, "subject-request.approve " + viewing + " " + OFFICER,
                "subject-request.kiosk-code " + viewing + " " + OFFICER, "subject-request.existence " + viewing + " " + OFFICER,
                "subject-request.refuse " + refused + " " + OFFICER, "subject-request.approve " + deletion + " " + OFFICER,
                "subject-request.copy-release " + viewing + " " + MANAGER,
                "subject-request.view " + viewing + " data subject of " + viewing, "subject-request.view-end " + viewing + " " + MANAGER,
                "subject-request.kiosk-refused " + viewing + " " + MANAGER,
                "subject-request.erase-intent " + deletion + " " + MANAGER, "destruction " + deletion + " " + MANAGER), steps);
        assertFalse(gateway.store.ledger().search(e -> e.record().type().equals("subject-request.masking-run")
                && viewing.equals(e.record().details().get("request")), 10).isEmpty(), "the masking's reading of the footage is ledgered");
        assertTrue(gateway.store.ledger().search(e -> e.record().type().equals("subject-request.notice")
                && refused.equals(e.record().details().get("request")) && "refusal".equals(e.record().details().get("notice")), 10).size() >= 2);
        web.login(OFFICER);
        pages.open("/ledger.html");
        chrome.waitUpTo(WAIT).until(d -> {
            String rows = d.findElement(By.id("ledger-rows")).getText();
            // One sentence per step, naming the request (docs/ledger.md, "The officer's audit").
            return rows.contains("Subject request refused, request " + refused) && rows.contains("Destruction, request " + deletion)
                    && rows.contains("Erasure for a subject request begun, request " + deletion)
                    && rows.contains("Subject request approved, request " + viewing);
        });
        chrome.screenshot("subject-request-flow-ledger");
        chrome.assertNoConsoleErrors("ledger after the flow");
        assertTheManagementLedgerShowsTheProvision(viewing, deletion);
        pages.logout();
    }

    /** The policy's management ledger: the masked copy is a provision to the requester, the kiosk a viewing, the erase a destruction. */
    private void assertTheManagementLedgerShowsTheProvision(String viewing, String deletion) throws Exception {
        String today = java.time.LocalDate.now(SEOUL).toString();
        pages.open("/ledger-report.html?from=" + today + "&to=" + today);
        chrome.waitUpTo(WAIT).until(d -> !d.findElements(By.cssSelector("#report-rows tr[data-type='provision']")).isEmpty());
        List<org.openqa.selenium.WebElement> provisions = chrome.driver.findElements(By.cssSelector("#report-rows tr[data-type='provision']"));
        assertEquals(1, provisions.size(), "one provision: the masked copy");
        org.openqa.selenium.WebElement copy = provisions.get(0);
        assertEquals("Provision", copy.findElement(By.className("col-typeLabel")).getText());
        assertEquals("Data subject of " + viewing + " (the requester)", copy.findElement(By.className("col-party")).getText());
        assertEquals("PIPA Art. 35; video policy Art. 6", copy.findElement(By.className("col-legalBasis")).getText());
        assertEquals("Masked copy (MP4) with a signed manifest; the originals never leave", copy.findElement(By.className("col-form")).getText());
        assertTrue(copy.findElement(By.className("col-period")).getText().startsWith("Given once at " + today), copy.getText());
        assertTrue(copy.findElement(By.className("col-footage")).getText().contains(FACES), copy.getText());
        assertEquals(MANAGER, copy.findElement(By.className("col-staff")).getText());
        String rest = chrome.driver.findElement(By.id("report-rows")).getText();
        assertTrue(chrome.driver.findElements(By.cssSelector("#report-rows tr[data-type='viewing']")).size() == 1, rest);
        assertTrue(chrome.driver.findElements(By.cssSelector("#report-rows tr[data-type='destruction']")).stream()
                .anyMatch(r -> r.findElement(By.className("col-purpose")).getText().contains(deletion)), rest);
        chrome.screenshot("subject-request-flow-management-ledger");
        chrome.assertNoConsoleErrors("management ledger after the flow");
    }

    private static Path data() {
        return tmp.resolve("data");
    }

    private void clickWhenVisible(String id) {
        chrome.waitUpTo(WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The first bytes of the PDF the page's button fetches (the browser's own session, as the button does). */
    private String pdfHead(String number, String kind, String lang) {
        Object head = chrome.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/requests/' + arguments[0] + '/notices/' + arguments[1] + '?format=pdf&lang=' + arguments[2],"
                + " {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => done(String.fromCharCode(...new Uint8Array(b.slice(0, 4)))))"
                + ".catch(e => done('error ' + e));", number, kind, lang);
        return String.valueOf(head);
    }

    /** For each segment about to be erased: its key (raw and wrapped) and a slice of its encrypted file. */
    private static Map<String, byte[]> needles(SegmentStore segments, List<SegmentInfo> victims) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (SegmentInfo s : victims) {
            StoreInternals.KeyMaterial m = StoreInternals.keyMaterial(segments, s.key());
            out.put(s.key() + " segment key", m.segmentKey());
            out.put(s.key() + " wrapped segment key", m.wrappedSegmentKey());
            byte[] file = Files.readAllBytes(StoreInternals.file(segments, s.key()));
            out.put(s.key() + " ciphertext", Arrays.copyOfRange(file, file.length / 2, file.length / 2 + 64));
        }
        return out;
    }
}

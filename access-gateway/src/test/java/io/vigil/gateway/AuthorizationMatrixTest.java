package io.vigil.gateway;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.requests.RequestFixtures;
import io.vigil.gateway.requests.RequestForm;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint × every role (and no session) × a camera in / out of the user's
 * standing grants × with / without a valid viewing grant. Each cell is asserted: the
 * intended cells succeed (200/201), every other one is refused (403; 401 without a session).
 *
 * <p>Matrix users each hold camera cam-01 ("in"); cam-02 ("out") has footage too but is
 * not theirs. "With a grant" means the user's own viewing grant for cam-01 — for privacy
 * officers, who can never obtain one, it is another user's grant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    enum Who { NONE, SECURITY_STAFF, PRIVACY_MANAGER, PRIVACY_OFFICER, ADMINISTRATOR }

    enum Endpoint {
        ME, CAMERAS, TIMELINE, PURPOSES, GRANT_ISSUE, VIDEO, EXPORT, GRANT_END, LEDGER, LEDGER_CSV,
        ACTIVITY_LINE, // issue 12: the activity line under the player is footage
        USERS_LIST, USERS_ADD, HOLDS_LIST, HOLDS_PLACE, HOLDS_RELEASE, METRICS, HEALTH, LOGOUT,
        REQUESTS_LIST, REQUESTS_REGISTER, REQUESTS_GROUNDS, REQUEST_GET, REQUEST_REVIEW, REQUEST_APPROVE, REQUEST_DEFER,
        REQUEST_REFUSE, REQUEST_KIOSK_CODE, REQUEST_FULFIL, REQUEST_CLOSE, REQUEST_EXISTENCE, REQUEST_ERASE, KIOSK_OPEN,
        REQUEST_NOTICES, REQUEST_NOTICE_HTML, REQUEST_NOTICE_PDF, REQUEST_ISSUED_NOTICES, REQUEST_ISSUED_NOTICE_REPRINT,
        USER_DISABLE, USER_ENABLE, USER_REMOVE, USER_PASSWORD_RESET, USER_CAMERAS, CAMERA_PROPOSALS, CAMERAS_APPROVE,
        CAMERAS_REJECT, OWN_PASSWORD, I18N, LANGUAGE, EXPORTS_LIST, THUMBNAIL,
        MASKING_STATUS, MASKING_FRAME, MASKING_RUN, MASKING_TRACK, MASKING_PREVIEW, MASKING_RELEASE, MASKING_COPY,
        MASKING_MANIFEST, MASKING_CANCEL, MASKING_REQUESTER, KIOSK_VIDEO, KIOSK_END, POLICY_PAGE, POLICY,
        LEDGER_ACTIVITIES, LEDGER_MANAGEMENT, LEDGER_MANAGEMENT_CSV // the officer's audit
    }

    static final String IN = "cam-01", OUT = "cam-02";

    @TempDir
    static Path dir;
    GatewayFixture f;
    final Map<Who, Login> logins = new EnumMap<>(Who.class);
    final Map<Who, String> grants = new EnumMap<>(Who.class);
    final AtomicInteger counter = new AtomicInteger();
    /** Per camera, an approved viewing request with a released masked copy (for the masking and kiosk cells). */
    final Map<String, String> masked = new java.util.HashMap<>();

    @BeforeAll
    void start() throws Exception {
        f = new GatewayFixture(dir);
        f.gateway.requestSettings(io.vigil.gateway.requests.RequestSettings.defaults()
                .withKioskNetworks(List.of(io.vigil.config.NetworkRange.parse("127.0.0.0/8"))));
        for (Who w : Who.values()) {
            if (w == Who.NONE) continue;
            String name = "m-" + w.name().toLowerCase().replace('_', '-');
            f.gateway.accounts().addUser(name, Role.valueOf(w.name()), List.of(CameraId.of(IN)), GatewayFixture.PASSWORD.toCharArray());
            logins.put(w, f.login(name));
        }
        for (Who w : List.of(Who.SECURITY_STAFF, Who.PRIVACY_MANAGER, Who.ADMINISTRATOR)) grants.put(w, f.grant(logins.get(w), IN));
        grants.put(Who.PRIVACY_OFFICER, f.grant(f.login("staff2"), IN)); // someone else's
        Login manager = f.login("manager");
        for (String cam : List.of(IN, OUT)) masked.put(cam, releasedMaskedCopy(cam, manager));
    }

    /** An approved viewing of the first 2 s of the test footage, masked and released through the API as the review page does. */
    private String releasedMaskedCopy(String cam, Login who) throws Exception {
        Instant t0 = GatewayFixture.T0;
        String n = f.gateway.context().requests().register(new RequestForm("Han Yeji", "010-2345-6789", "passport", "manager",
                GatewayFixture.NOW.minusSeconds(60), false, null, null, null, List.of("view"), List.of(cam), t0, t0.plusSeconds(2),
                "white coat", "to see my fall", false), "manager").number();
        f.gateway.context().requests().approve(n, "officer", "shows the requester");
        String base = "/api/v1/requests/" + n + "/masking/" + cam;
        HttpResponse<String> run = f.post(base + "/run", "{\"marks\":[{\"at\":\"" + t0 + "\",\"x\":100,\"y\":60,\"w\":80,\"h\":100}]}", who);
        assertEquals(202, run.statusCode(), run.body());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        String state = GatewayFixture.json(run).get("state").asText();
        while ((state.equals("queued") || state.equals("running")) && System.nanoTime() < deadline) {
            Thread.sleep(200); // polls the job's state with a deadline, as the page does
            state = GatewayFixture.json(f.get(base, who)).get("state").asText();
        }
        assertEquals("ready", state, f.get(base, who).body());
        assertEquals(200, f.post(base + "/release", "{}", who).statusCode());
        return n;
    }

    /** A kiosk viewing of the masked copy of {@code cam} opened by {@code who} (or by "manager" when {@code who} may not). */
    private String kioskViewing(String cam, Login who, boolean mayOpen) throws Exception {
        String n = masked.get(cam);
        String code = f.gateway.context().requests().reissueKioskCode(n, "officer").kioskCode();
        Login opener = mayOpen ? who : f.login("manager");
        HttpResponse<String> r = f.post("/api/v1/kiosk/open", "{\"number\":\"" + n + "\",\"code\":\"" + code + "\"}", opener);
        assertEquals(200, r.statusCode(), r.body());
        return GatewayFixture.json(r).get("viewing").asText();
    }

    @AfterAll
    void stop() {
        f.close();
    }

    static boolean expected(Endpoint e, Who who, boolean camIn, boolean withGrant) {
        if (e == Endpoint.I18N || e == Endpoint.LANGUAGE) return true; // the login page's words: no session needed
        if (e == Endpoint.POLICY_PAGE || e == Endpoint.POLICY) return true; // the published policy: anyone filmed may read it
        if (who == Who.NONE) return false;
        boolean footageRole = who != Who.PRIVACY_OFFICER;
        return switch (e) {
            case ME, PURPOSES, LOGOUT, EXPORTS_LIST -> true; // the list: everyone's own exports, all for ledger readers
            case CAMERAS -> camIn || who == Who.PRIVACY_OFFICER || who == Who.ADMINISTRATOR;
            case TIMELINE, GRANT_ISSUE -> footageRole && camIn;
            case VIDEO, EXPORT, THUMBNAIL, ACTIVITY_LINE -> footageRole && camIn && withGrant;
            case GRANT_END -> footageRole && withGrant;
            case LEDGER, LEDGER_CSV, LEDGER_ACTIVITIES, LEDGER_MANAGEMENT, LEDGER_MANAGEMENT_CSV -> who == Who.PRIVACY_OFFICER || who == Who.PRIVACY_MANAGER || who == Who.ADMINISTRATOR;
            case USERS_LIST, USERS_ADD, METRICS -> who == Who.ADMINISTRATOR;
            case HEALTH -> who == Who.ADMINISTRATOR; // the details; the status alone is public (below)
            case USER_DISABLE, USER_ENABLE, USER_REMOVE, USER_PASSWORD_RESET, USER_CAMERAS -> who == Who.ADMINISTRATOR;
            case CAMERA_PROPOSALS, CAMERAS_REJECT -> who == Who.PRIVACY_OFFICER || who == Who.ADMINISTRATOR;
            case CAMERAS_APPROVE -> who == Who.PRIVACY_OFFICER;
            case OWN_PASSWORD -> true;
            case I18N, LANGUAGE, POLICY_PAGE, POLICY -> true;
            case HOLDS_LIST -> who == Who.PRIVACY_OFFICER || who == Who.PRIVACY_MANAGER;
            case HOLDS_PLACE, HOLDS_RELEASE -> who == Who.PRIVACY_OFFICER;
            case REQUESTS_LIST, REQUESTS_REGISTER, REQUESTS_GROUNDS, REQUEST_GET, REQUEST_FULFIL, REQUEST_CLOSE, REQUEST_EXISTENCE, REQUEST_ERASE,
                 REQUEST_NOTICES, REQUEST_NOTICE_HTML, REQUEST_NOTICE_PDF, REQUEST_ISSUED_NOTICES, REQUEST_ISSUED_NOTICE_REPRINT ->
                    who == Who.PRIVACY_OFFICER || who == Who.PRIVACY_MANAGER;
            // Masking works under the subject request's authority, not the user's standing cameras. Everything that
            // shows footage is the privacy manager's (who prepares); the officer (who decides) never sees footage,
            // only the job's state (Permissions.mayPrepareMasking, docs/security.md).
            case MASKING_STATUS -> who == Who.PRIVACY_OFFICER || who == Who.PRIVACY_MANAGER;
            case MASKING_FRAME, MASKING_RUN, MASKING_TRACK, MASKING_PREVIEW, MASKING_RELEASE, MASKING_COPY, MASKING_MANIFEST,
                    MASKING_CANCEL, MASKING_REQUESTER, KIOSK_OPEN, KIOSK_VIDEO, KIOSK_END -> who == Who.PRIVACY_MANAGER;
            case REQUEST_REVIEW, REQUEST_APPROVE, REQUEST_DEFER, REQUEST_REFUSE, REQUEST_KIOSK_CODE -> who == Who.PRIVACY_OFFICER;
        };
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Who who : Who.values()) {
                for (boolean camIn : new boolean[] {true, false}) {
                    for (boolean withGrant : new boolean[] {true, false}) {
                        boolean ok = expected(e, who, camIn, withGrant);
                        String name = e + " " + who + " camera-" + (camIn ? "in" : "out") + " " + (withGrant ? "with" : "without")
                                + "-grant -> " + (ok ? "allowed" : "refused");
                        cells.add(DynamicTest.dynamicTest(name, () -> runCell(e, who, camIn, withGrant, ok)));
                    }
                }
            }
        }
        return cells.stream();
    }

    private void runCell(Endpoint e, Who who, boolean camIn, boolean withGrant, boolean ok) throws Exception {
        Login login = who == Who.NONE ? null : logins.get(who);
        if (e == Endpoint.LOGOUT && login != null) login = f.login(login.user()); // keep the matrix sessions alive
        String cam = camIn ? IN : OUT;
        String grant = withGrant && grants.containsKey(who) ? grants.get(who) : "no-such-grant-" + counter.incrementAndGet();
        Instant t0 = GatewayFixture.T0;
        HttpResponse<String> r = switch (e) {
            case ME -> f.get("/api/v1/me", login);
            case CAMERAS -> f.get("/api/v1/cameras", login);
            case TIMELINE -> f.get("/api/v1/cameras/" + cam + "/timeline?from=" + t0 + "&to=" + t0.plusSeconds(3600), login);
            case PURPOSES -> f.get("/api/v1/purposes", login);
            case GRANT_ISSUE -> f.post("/api/v1/grants", GatewayFixture.grantBody(t0, t0.plusSeconds(60), cam), login);
            case VIDEO -> f.get("/api/v1/grants/" + grant + "/video.mp4?camera=" + cam, login);
            case ACTIVITY_LINE -> f.get("/api/v1/grants/" + grant + "/activity?camera=" + cam + "&buckets=50", login);
            case EXPORT -> f.post("/api/v1/grants/" + grant + "/export?camera=" + cam, "{\"legalBasis\":\"internal\"}", login);
            case GRANT_END -> f.post("/api/v1/grants/" + grant + "/end", "{}", login);
            case LEDGER -> f.get("/api/v1/ledger?limit=5", login);
            case LEDGER_CSV -> f.get("/api/v1/ledger.csv?camera=" + cam, login);
            case LEDGER_ACTIVITIES -> f.get("/api/v1/ledger/activities?limit=5&camera=" + cam, login);
            case LEDGER_MANAGEMENT -> f.get("/api/v1/ledger/management?from=" + t0 + "&to=" + t0.plusSeconds(86400 * 2), login);
            case LEDGER_MANAGEMENT_CSV -> f.get("/api/v1/ledger/management.csv?from=" + t0 + "&to=" + t0.plusSeconds(86400 * 2), login);
            case EXPORTS_LIST -> f.get("/api/v1/exports", login);
            case THUMBNAIL -> f.get("/api/v1/grants/" + grant + "/thumbnail.jpg?camera=" + cam + "&from=" + t0.plusSeconds(4)
                    + "&to=" + t0.plusSeconds(5), login);
            case USERS_LIST -> f.get("/api/v1/users", login);
            case USERS_ADD -> f.post("/api/v1/users", "{\"username\":\"new-user-" + counter.incrementAndGet()
                    + "\",\"role\":\"security-staff\",\"cameras\":[\"" + cam + "\"],\"password\":\"" + GatewayFixture.PASSWORD + "\"}", login);
            case HOLDS_LIST -> f.get("/api/v1/holds", login);
            case HOLDS_PLACE -> f.post("/api/v1/holds", "{\"cameras\":[\"" + cam + "\"],\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(600)
                    + "\",\"reason\":\"police request\",\"reference\":\"case 42\",\"expiresAt\":\"" + GatewayFixture.NOW.plusSeconds(86400 * 30) + "\"}", login);
            case HOLDS_RELEASE -> {
                String id = f.gateway.context().holds().place(List.of(CameraId.of(cam)), t0, t0.plusSeconds(60), "to release", null,
                        GatewayFixture.NOW.plusSeconds(86400), "officer").id();
                yield f.post("/api/v1/holds/" + id + "/release", "{\"reason\":\"case closed\"}", login);
            }
            case METRICS -> f.get("/metrics", login);
            case HEALTH -> f.get("/health", login);
            case LOGOUT -> f.post("/api/v1/logout", "{}", login);
            case REQUESTS_LIST -> f.get("/api/v1/requests", login);
            case REQUESTS_REGISTER -> f.post("/api/v1/requests", RequestFixtures.body("\"view\"").replace("cam-01", cam), login);
            case REQUESTS_GROUNDS -> f.get("/api/v1/requests/grounds", login);
            case REQUEST_GET -> f.get("/api/v1/requests/" + newRequest(cam, false), login);
            case REQUEST_REVIEW -> f.post("/api/v1/requests/" + newRequest(cam, false) + "/review", "{}", login);
            case REQUEST_APPROVE -> f.post("/api/v1/requests/" + newRequest(cam, false) + "/approve", "{}", login);
            case REQUEST_DEFER -> f.post("/api/v1/requests/" + newRequest(cam, false) + "/defer",
                    "{\"until\":\"2026-12-20\",\"reason\":\"police investigation\"}", login);
            case REQUEST_REFUSE -> f.post("/api/v1/requests/" + newRequest(cam, false) + "/refuse",
                    "{\"grounds\":[\"pipa-35-4-2\"],\"text\":\"others would be harmed\"}", login);
            case REQUEST_KIOSK_CODE -> f.post("/api/v1/requests/" + newRequest(cam, true) + "/kiosk-code", "{}", login);
            case REQUEST_FULFIL -> f.post("/api/v1/requests/" + newRequest(cam, true) + "/fulfil", "{}", login);
            case KIOSK_OPEN -> {
                String n = masked.get(cam);
                String code = f.gateway.context().requests().reissueKioskCode(n, "officer").kioskCode();
                yield f.post("/api/v1/kiosk/open", "{\"number\":\"" + n + "\",\"code\":\"" + code + "\"}", login);
            }
            case MASKING_STATUS -> f.get(masking(cam), login);
            case MASKING_FRAME -> f.get(masking(cam) + "/frame?at=" + t0.plusMillis(500), login);
            case MASKING_RUN -> f.post("/api/v1/requests/" + newRequest(cam, true) + "/masking/" + cam + "/run",
                    "{\"marks\":[{\"at\":\"" + t0.minusSeconds(30) + "\",\"x\":10,\"y\":10,\"w\":50,\"h\":50}]}", login);
            case MASKING_TRACK -> f.get(masking(cam) + "/tracks/0", login);
            case MASKING_PREVIEW -> f.get(masking(cam) + "/preview", login);
            case MASKING_RELEASE -> f.post(masking(cam) + "/release", "{}", login);
            case MASKING_COPY -> f.get(masking(cam) + "/copy", login);
            case MASKING_MANIFEST -> f.get(masking(cam) + "/manifest", login);
            case MASKING_CANCEL -> f.post(masking(cam) + "/cancel", "{}", login); // nothing running: the status as it is
            case MASKING_REQUESTER -> f.get(masking(cam) + "/requester", login);
            case KIOSK_VIDEO -> f.get("/api/v1/kiosk/viewings/" + kioskViewing(cam, login, ok) + "/video/" + cam, login);
            case KIOSK_END -> f.post("/api/v1/kiosk/viewings/" + kioskViewing(cam, login, ok) + "/end", "{}", login);
            case REQUEST_EXISTENCE -> f.post("/api/v1/requests/" + newRequest(cam, true, "confirm-existence") + "/existence", "{}", login);
            case REQUEST_ERASE -> f.post("/api/v1/requests/" + newRequest(cam, true, "delete") + "/erase", "{}", login);
            case REQUEST_CLOSE -> f.post("/api/v1/requests/" + newRequest(cam, false) + "/close", "{\"reason\":\"withdrawn\"}", login);
            case REQUEST_NOTICES -> f.get("/api/v1/requests/" + newRequest(cam, false) + "/notices", login);
            case REQUEST_NOTICE_HTML -> f.get("/api/v1/requests/" + newRequest(cam, false) + "/notices/receipt?lang=en", login);
            case REQUEST_NOTICE_PDF -> f.get("/api/v1/requests/" + newRequest(cam, true) + "/notices/viewing?format=pdf&lang=ko", login);
            case REQUEST_ISSUED_NOTICES -> f.get("/api/v1/requests/" + newRequest(cam, false) + "/issued-notices", login);
            case REQUEST_ISSUED_NOTICE_REPRINT -> f.get("/api/v1/requests/" + issuedNotice(cam) + "/issued-notices/1?format=html", login);
            case USER_DISABLE -> f.post("/api/v1/users/" + target(cam, false) + "/disable", "{}", login);
            case USER_ENABLE -> {
                String t = target(cam, false);
                f.gateway.context().administration().disable("matrix-setup", t, null);
                yield f.post("/api/v1/users/" + t + "/enable", "{}", login);
            }
            case USER_REMOVE -> f.send(java.net.http.HttpRequest.newBuilder(f.uri("/api/v1/users/" + target(cam, false))).DELETE(), login, true);
            case USER_PASSWORD_RESET -> f.post("/api/v1/users/" + target(cam, false) + "/password-reset", "{}", login);
            case USER_CAMERAS -> f.send(java.net.http.HttpRequest.newBuilder(f.uri("/api/v1/users/" + target(cam, false) + "/cameras"))
                    .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + cam + "\"]}")),
                    login, true);
            case CAMERA_PROPOSALS -> f.get("/api/v1/camera-proposals", login);
            case CAMERAS_APPROVE -> f.post("/api/v1/users/" + target(cam, true) + "/cameras/approve", "{}", login);
            case CAMERAS_REJECT -> f.post("/api/v1/users/" + target(cam, true) + "/cameras/reject", "{\"reason\":\"not needed\"}", login);
            case OWN_PASSWORD -> {
                Login own = login;
                if (login != null) {
                    String name = "pw-" + counter.incrementAndGet();
                    f.gateway.accounts().addUser(name, Role.valueOf(who.name()), List.of(), GatewayFixture.PASSWORD.toCharArray());
                    own = f.login(name);
                }
                yield f.post("/api/v1/me/password", "{\"currentPassword\":\"" + GatewayFixture.PASSWORD
                        + "\",\"newPassword\":\"a different long password\"}", own);
            }
            case I18N -> f.get("/api/v1/i18n", login);
            case POLICY_PAGE -> f.get("/policy", login);
            case POLICY -> f.get("/api/v1/policy", login);
            case LANGUAGE -> f.post("/api/v1/language", "{\"language\":\"en\"}", login);
        };
        int status = r.statusCode();
        if (e == Endpoint.CAMERAS && login != null) {
            assertEquals(200, status, r.body());
            boolean listed = GatewayFixture.json(r).findValuesAsText("id").contains(cam);
            assertEquals(ok, listed, "camera " + cam + " listed: " + r.body());
            return;
        }
        if (e == Endpoint.HEALTH) {
            // Everyone learns UP/DEGRADED/DOWN; camera names, reasons, disk and ledger only administrators.
            assertTrue(status == 200 || status == 503, r.body());
            assertTrue(GatewayFixture.json(r).has("status"), r.body());
            assertEquals(ok, GatewayFixture.json(r).has("checks"), "details for " + who + ": " + r.body());
            return;
        }
        if (ok && e == Endpoint.MASKING_TRACK) {
            // The test footage has no face: an allowed user reaches the handler, which finds no track 0.
            assertEquals(404, status, r.body());
        } else if (ok) {
            assertTrue(status == 200 || status == 201 || status == 202, "expected success, got " + status + ": " + r.body());
        } else {
            int refused = login == null ? 401 : 403;
            assertEquals(refused, status, "expected refusal, got " + status + ": " + r.body());
            assertTrue(r.body().contains("\"error\""), r.body());
        }
    }

    private String masking(String cam) {
        return "/api/v1/requests/" + masked.get(cam) + "/masking/" + cam;
    }

    /** A viewing request for {@code camera} registered by "manager" (never a matrix user), approved by "officer" if asked. */
    private String newRequest(String camera, boolean approved) {
        return newRequest(camera, approved, "view");
    }

    private String newRequest(String camera, boolean approved, String kind) {
        Instant t0 = GatewayFixture.T0;
        String n = f.gateway.context().requests().register(new RequestForm("Lee Jisoo", "010-1234-5678", "passport", "manager",
                GatewayFixture.NOW.minusSeconds(60), false, null, null, null, List.of(kind), List.of(camera), t0.minusSeconds(30), t0.minusSeconds(20),
                "grey jacket", "lost wallet", false), "manager").number();
        if (approved) f.gateway.context().requests().approve(n, "officer", "shows the requester");
        return n;
    }

    /** A request with one notice issued (its receipt, in English); returns the request's number. */
    private String issuedNotice(String camera) {
        String n = newRequest(camera, false);
        var notice = new io.vigil.gateway.requests.notice.Notice("en", io.vigil.gateway.requests.notice.NoticeKind.RECEIPT, "Test Clinic",
                "Acknowledgement of receipt", List.of(), "issued by manager");
        f.gateway.context().requests().issueNotice(n, "receipt", "en", notice.footer(),
                io.vigil.gateway.requests.notice.NoticeContent.encode(notice), "manager");
        return n;
    }

    /** A fresh account to act on (with a camera proposed by "matrix-setup" when asked), so each cell changes its own. */
    private String target(String cam, boolean withProposal) {
        String name = "target-" + counter.incrementAndGet();
        f.gateway.context().administration().add("matrix-setup", name, Role.SECURITY_STAFF, withProposal ? List.of(CameraId.of(cam)) : List.of(),
                GatewayFixture.PASSWORD.toCharArray(), null);
        return name;
    }

    /** Administrators without cameras see no footage (no grant, no timeline), even for footage that exists. */
    @TestFactory
    Stream<DynamicTest> administratorWithoutCamerasSeesNoFootage() throws Exception {
        Login admin = f.login("admin");
        return Stream.of(
                DynamicTest.dynamicTest("grant refused", () -> assertEquals(403,
                        f.post("/api/v1/grants", GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), IN), admin).statusCode())),
                DynamicTest.dynamicTest("timeline refused", () -> assertEquals(403,
                        f.get("/api/v1/cameras/" + IN + "/timeline", admin).statusCode())),
                DynamicTest.dynamicTest("HEAD-less GET of a page is public", () -> assertEquals(200,
                        f.http.send(HttpRequest.newBuilder(f.uri("/login.html")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())));
    }
}

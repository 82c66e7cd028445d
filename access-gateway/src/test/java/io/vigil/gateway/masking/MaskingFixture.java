package io.vigil.gateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.requests.RequestForm;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The masking API's tests' common ground: a real gateway ({@link GatewayFixture}: real
 * store, footage, HTTPS) with the privacy manager signed in, approved viewing requests over
 * a window of the fixture's footage, and the manager's steps through the API: run the
 * masking with a mark, follow the job until it ends (polled with a deadline, as the page
 * does), release the copy.
 */
final class MaskingFixture implements AutoCloseable {
    /** The box the requester is marked with when a test does not care where (inside a 320x240 frame). */
    static final String BOX = "{\"x\":100,\"y\":60,\"w\":80,\"h\":100}";

    final GatewayFixture f;
    final Login manager;

    MaskingFixture(Path dir) throws Exception {
        this.f = new GatewayFixture(dir);
        this.manager = f.login("manager");
    }

    /** Registers a viewing of {@code camera} over [T0+from, T0+to) and has the officer approve it; its number. */
    String approvedViewing(String camera, int from, int to) {
        Instant t0 = GatewayFixture.T0;
        var requests = f.gateway.context().requests();
        String n = requests.register(new RequestForm("Seo Hana", "010-5555-0000", "passport", "manager",
                GatewayFixture.NOW.minusSeconds(60), false, null, null, null, List.of("view"), List.of(camera),
                t0.plusSeconds(from), t0.plusSeconds(to), "red coat", "to see my visit", false), "front-desk").number();
        requests.approve(n, "officer", "shows the requester");
        return n;
    }

    /** The masking API's path of a request's camera. */
    static String base(String number, String camera) {
        return "/api/v1/requests/" + number + "/masking/" + camera;
    }

    /** Starts the masking with one mark at T0+markAt. */
    HttpResponse<String> run(String base, int markAt) throws Exception {
        return run(base, markAt, BOX);
    }

    /** Starts the masking with one mark at T0+markAt, {@code box} as JSON ({"x":…,"y":…,"w":…,"h":…}). */
    HttpResponse<String> run(String base, int markAt, String box) throws Exception {
        String mark = box.replace("{", "{\"at\":\"" + GatewayFixture.T0.plusSeconds(markAt) + "\",");
        return f.post(base + "/run", "{\"marks\":[" + mark + "]}", manager);
    }

    /** The status, polled until {@code done} holds (3 minutes at most). */
    JsonNode waitFor(String base, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        JsonNode s = GatewayFixture.json(f.get(base, manager));
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) throw new AssertionError("still waiting: " + s);
            Thread.sleep(50); // polls the job's state with a deadline, as the page does
            s = GatewayFixture.json(f.get(base, manager));
        }
        return s;
    }

    /** The status once the job is neither queued nor running. */
    JsonNode waitUntilDone(String base) throws Exception {
        return waitFor(base, s -> !List.of("queued", "running").contains(s.get("state").asText()));
    }

    /** An approved viewing of {@code camera} over [T0+from, T0+to), masked and released through the API; its number. */
    String releasedCopy(String camera, int from, int to) throws Exception {
        String n = approvedViewing(camera, from, to);
        String base = base(n, camera);
        HttpResponse<String> run = run(base, from);
        assertEquals(202, run.statusCode(), run.body());
        assertEquals("ready", waitUntilDone(base).get("state").asText());
        HttpResponse<String> rel = f.post(base + "/release", "{}", manager);
        assertEquals(200, rel.statusCode(), rel.body());
        return n;
    }

    @Override
    public void close() {
        f.close();
    }
}

package io.vigil.gateway.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.FreshGatewayTest;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.SegmentStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A subject request's erase names itself in the ledger before the first key is destroyed:
 * a "crash" after one segment is erased (the real store erases it, then the call dies)
 * leaves footage gone and the intent entry naming the request; erasing again finishes the
 * job and writes the destruction entry pointing at its own intent.
 */
class EraseCrashSafetyTest extends FreshGatewayTest {

    @Test
    void aCrashMidEraseLeavesTheIntentEntryAndARetryFinishes() throws Exception {
        Login manager = f.login("manager");
        Login officer = f.login("officer");
        var created = f.post("/api/v1/requests", RequestFixtures.body("\"delete\""), manager);
        assertEquals(201, created.statusCode(), created.body());
        String n = GatewayFixture.json(created).get("number").asText();
        assertEquals(200, f.post("/api/v1/requests/" + n + "/approve", "{}", officer).statusCode());
        SegmentStore real = f.store.segments();
        List<SegmentInfo> inScope = real.list(CameraId.of("cam-01"), GatewayFixture.T0, GatewayFixture.T0.plusSeconds(10));
        assertEquals(5, inScope.size());

        RequestWorkflow w = f.gateway.context().requests();
        RequestFulfilment crashing = new RequestFulfilment(w, f.store.ledger(), crashAfterFirstErase(real),
                f.gateway.context().holds(), f.clock);
        assertThrows(IllegalStateException.class, () -> crashing.erase(n, "manager"));

        assertThrows(SegmentNotFoundException.class, () -> real.read(inScope.get(0).key()), "the first segment was erased before the crash");
        List<LedgerEntry> intents = entries("subject-request.erase-intent");
        assertEquals(1, intents.size(), "the intent is in the ledger although the erase never finished");
        assertEquals(n, intents.get(0).record().details().get("request"));
        assertEquals("5", intents.get(0).record().details().get("segmentsToErase"));
        assertTrue(entries("destruction").isEmpty(), "no destruction entry claims a finished erase");
        assertTrue(!w.get(n).fulfilled("delete"), "the request does not claim the erase was done");

        RequestFulfilment.Erasure e = new RequestFulfilment(w, f.store.ledger(), real, f.gateway.context().holds(), f.clock).erase(n, "manager");
        assertEquals(4, e.erasedSegments(), "the retry erases what the crash left");
        for (SegmentInfo s : inScope) assertThrows(SegmentNotFoundException.class, () -> real.read(s.key()));
        intents = entries("subject-request.erase-intent");
        assertEquals(2, intents.size());
        LedgerEntry destruction = entries("destruction").get(0);
        assertEquals(Long.toString(intents.get(1).number()), destruction.record().details().get("intentEntry"));
        assertTrue(intents.get(1).number() < destruction.number(), "intent before destruction");
        assertTrue(w.get(n).fulfilled("delete"));
    }

    private List<LedgerEntry> entries(String type) {
        return f.store.ledger().search(e -> e.record().type().equals(type), 100);
    }

    /** The real store, except that eraseSegments erases the first key and then dies as a crash would. */
    private static SegmentStore crashAfterFirstErase(SegmentStore real) {
        return (SegmentStore) Proxy.newProxyInstance(SegmentStore.class.getClassLoader(), new Class<?>[] {SegmentStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("eraseSegments")) {
                        @SuppressWarnings("unchecked")
                        Collection<SegmentKey> keys = (Collection<SegmentKey>) args[0];
                        real.eraseSegment(keys.iterator().next());
                        throw new IllegalStateException("simulated crash after the first segment");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }
}

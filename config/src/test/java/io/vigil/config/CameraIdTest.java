package io.vigil.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule of a camera id, and the configuration handing ids out already checked. */
class CameraIdTest {

    @Test
    void acceptsTheRuleAndRefusesEverythingElseNamingTheIdAndTheRule() {
        for (String ok : List.of("cam01", "cam-01", "0", "a".repeat(32), "door-2")) {
            assertEquals(ok, CameraId.of(ok).value());
        }
        for (String bad : List.of("", "-cam", "Cam01", "cam 01", "cam/01", "../etc", "a".repeat(33), "카메라")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraId.of(bad), bad);
            assertEquals("'" + bad + "' is not a valid camera id (" + CameraId.RULE + ")", e.getMessage());
            assertFalse(CameraId.isValid(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CameraId.of(null));
    }

    @Test
    void readsAsItsStringAndSortsAsItsString() {
        assertEquals("cam-07", CameraId.of("cam-07").toString(), "logs and messages show the plain id");
        List<String> strings = new ArrayList<>(List.of("cam-10", "cam-02", "b", "cam-1", "a-9", "cam"));
        List<CameraId> ids = new ArrayList<>(strings.stream().map(CameraId::of).toList());
        Collections.sort(strings);
        Collections.sort(ids);
        assertEquals(strings, ids.stream().map(CameraId::value).toList(), "the order of storage's index keys");
        assertEquals(CameraId.of("cam01"), CameraId.of("cam01"));
    }

    @Test
    void theConfigurationHandsOutTypedIdsAndLooksUpUncheckedStrings() {
        VigilConfig c = ConfigLoader.parse("test.yaml", """
                dataDir: data
                keystore:
                  path: keys/keystore.vks
                  passphrase: env:VIGIL_PASS
                cameras:
                  - id: cam01
                    name: Entrance
                    location: Lobby
                    url: rtsp://127.0.0.1:8554/cam01
                  - id: ward-3
                    name: Ward 3
                    location: Third floor
                    url: rtsp://127.0.0.1:8554/ward3
                """, Path.of("/etc/vigil"));
        assertEquals(List.of(CameraId.of("cam01"), CameraId.of("ward-3")), c.cameraIds());
        assertEquals("Ward 3", c.camera("ward-3").name());
        assertSame(c.camera("ward-3"), c.camera(CameraId.of("ward-3")));
        assertNull(c.camera("cam02"), "a well-formed id that is not configured");
        assertNull(c.camera("../cam01"), "a URL path segment that is no id at all names no camera (no exception)");
        assertNull(c.camera((String) null));
    }
}

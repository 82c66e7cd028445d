package io.vigil.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
    @Test
    void formsOfRange() {
        assertNull(ByteRange.parse(null, 1000));
        assertEquals(new ByteRange(0, 999), ByteRange.parse("bytes=0-", 1000));
        assertEquals(new ByteRange(100, 199), ByteRange.parse("bytes=100-199", 1000));
        assertEquals(new ByteRange(900, 999), ByteRange.parse("bytes=900-5000", 1000), "end clamped to the length");
        assertEquals(new ByteRange(990, 999), ByteRange.parse("bytes=-10", 1000));
        assertEquals(new ByteRange(0, 999), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9, 20-29", 1000), "first range only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5-4", "bytes=-0", "items=0-1", "bytes=a-b", "bytes=", "bytes=-"})
    void unsatisfiableIs416WithTheLength(String header) {
        ApiException e = assertThrows(ApiException.class, () -> ByteRange.parse(header, 1000));
        assertEquals(416, e.status().code());
        assertEquals("bytes */1000", e.headers().get("Content-Range"));
    }
}

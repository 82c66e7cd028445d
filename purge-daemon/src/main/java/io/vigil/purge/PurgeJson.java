package io.vigil.purge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.storage.StorageException;
import java.io.IOException;

/**
 * The one codec of the purge's records in the {@code meta} table (its state and its
 * journal): typed records to JSON with Jackson. Instants, dates and durations are written
 * as ISO-8601 text, so an operator reading the table with a RocksDB tool sees times.
 */
final class PurgeJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // A record written by a newer Vigil stays readable after a downgrade.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private PurgeJson() {}

    static byte[] encode(Object value, String what) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new StorageException("cannot encode the " + what, e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type, String what) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new StorageException("the " + what + " in the meta table is unreadable: " + e.getMessage(), e);
        }
    }
}

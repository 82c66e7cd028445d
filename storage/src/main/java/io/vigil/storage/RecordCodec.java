package io.vigil.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Encodes one type of stored record (a Java record kept in a {@link RecordTable}) as JSON,
 * by its components: names as written, instants and durations as ISO-8601 text
 * ({@code Instant.toString}, {@code Duration.toString}: an operator reading a table with a
 * RocksDB tool sees times), absent values as {@code null} (left out where the record type
 * says {@code @JsonInclude(NON_NULL)}). Unknown fields are ignored when reading, so a record
 * written by a newer version still reads. One mapper, configured here, for every table and
 * every record the modules keep in the {@code meta} table.
 *
 * <p>Not for the ledger: a ledger entry's bytes feed its hash and have their own canonical
 * encoding ({@code io.vigil.storage.ledger.LedgerCodec}), which must never change.
 *
 * @param <T> the record type; its component names are the stored field names
 */
public final class RecordCodec<T> {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private final Class<T> type;
    private final String what;

    private RecordCodec(Class<T> type, String what) {
        this.type = type;
        this.what = what;
    }

    /** @param what the record's name in error messages, e.g. "legal hold" */
    public static <T> RecordCodec<T> of(Class<T> type, String what) {
        return new RecordCodec<>(type, what);
    }

    public byte[] encode(T value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new StorageException("cannot encode " + what + ": " + e.getMessage(), e);
        }
    }

    /** @throws StorageException naming the record when the bytes are not one */
    public T decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException | RuntimeException e) {
            throw new StorageException("a " + what + " record is unreadable: " + e.getMessage(), e);
        }
    }
}

package io.vigil.gateway.requests;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.storage.StorageException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a {@link SubjectRequest}: JSON with fields in declaration order and
 * times as ISO-8601 text, so the same record always gives the same bytes and the ledger's
 * hash of it can be recomputed from the stored record.
 */
final class RequestCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private RequestCodec() {}

    static byte[] encode(SubjectRequest r) {
        try {
            return JSON.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new StorageException("cannot encode subject request " + r.number, e);
        }
    }

    static SubjectRequest decode(byte[] bytes) {
        try {
            return JSON.readValue(bytes, SubjectRequest.class);
        } catch (IOException e) {
            throw new StorageException("a subject request record in the requests table is unreadable: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the stored bytes, hex: what the ledger records instead of the contents. */
    static String sha256(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

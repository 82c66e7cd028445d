package io.vigil.gateway.requests;

import io.vigil.storage.RecordTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subject requests in the storage's {@code requests} record table: {@code req/<number>}
 * holds a request's JSON, {@code seq/<year>} the last number given that year. Numbers are
 * {@code SR-<year>-<4 digits>}, counted per year of the site's calendar, as a paper
 * register would be.
 */
final class RequestStore {
    private static final String RECORD = "req/";
    private static final String SEQUENCE = "seq/";

    private final RecordTable table;

    RequestStore(RecordTable table) {
        this.table = table;
    }

    /** The next number of the year of {@code now} in {@code zone}; the caller holds the workflow lock. */
    String nextNumber(Instant now, ZoneId zone) {
        int year = now.atZone(zone).getYear();
        String key = SEQUENCE + year;
        long last = table.get(key).map(b -> Long.parseLong(new String(b, StandardCharsets.US_ASCII))).orElse(0L);
        long next = last + 1;
        table.put(key, Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        return String.format("SR-%d-%04d", year, next);
    }

    /** Writes the record (synced) and returns the SHA-256 of exactly the bytes stored. */
    String put(SubjectRequest r) {
        byte[] bytes = RequestCodec.encode(r);
        table.put(RECORD + r.number, bytes);
        return RequestCodec.sha256(bytes);
    }

    Optional<SubjectRequest> get(String number) {
        return table.get(RECORD + number).map(RequestCodec::decode);
    }

    /** Every request, oldest number first. */
    List<SubjectRequest> all() {
        List<SubjectRequest> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : table.scan(RECORD)) out.add(RequestCodec.decode(e.getValue()));
        return out;
    }
}

package io.vigil.storage.records;

import io.vigil.storage.RecordTable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordTable} whose rows carry an HMAC-SHA256 over table name, key and value,
 * keyed from the keystore: a row put into the index by anyone but Vigil (a grant never
 * issued, an account never created, an edited role) is refused as if absent, logged,
 * counted and reported to a listener that ledgers it. Stored value = value || 32-byte tag.
 */
public final class SealedRecordTable implements RecordTable {
    private static final Logger log = LoggerFactory.getLogger(SealedRecordTable.class);
    private static final int TAG = 32;
    private static final byte[] LABEL = "vigil-record-v1".getBytes(StandardCharsets.US_ASCII);
    /** Refusals already reported, so a forged row read on every request is ledgered once per process. */
    private static final int MAX_REMEMBERED = 10_000;

    /** Told once per forged row (table, key, value) per process. */
    public interface RefusalListener {
        void refused(String table, String key, String reason);
    }

    private final RocksRecordTable rows;
    private final SecretKey macKey;
    private final RefusalListener listener;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicLong refusals = new AtomicLong();

    public SealedRecordTable(RocksRecordTable rows, SecretKey macKey, RefusalListener listener) {
        this.rows = rows;
        this.macKey = macKey;
        this.listener = listener;
    }

    /** The key for these tags, derived from the server's secret ledger key (kept in the keystore, never in dataDir). */
    public static SecretKey deriveKey(byte[] keystoreSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keystoreSecret, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("vigil-record-mac-key-v1".getBytes(StandardCharsets.US_ASCII)),
                    "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void put(String key, byte[] value) {
        byte[] sealed = Arrays.copyOf(value, value.length + TAG);
        System.arraycopy(tag(key, value, 0, value.length), 0, sealed, value.length, TAG);
        rows.put(key, sealed);
    }

    @Override
    public Optional<byte[]> get(String key) {
        return rows.get(key).flatMap(stored -> open(key, stored));
    }

    @Override
    public void delete(String key) {
        rows.delete(key);
    }

    @Override
    public List<Map.Entry<String, byte[]>> scan(String prefix) {
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : rows.scan(prefix)) {
            open(e.getKey(), e.getValue()).ifPresent(v -> out.add(Map.entry(e.getKey(), v)));
        }
        return out;
    }

    /** Rows refused since start. */
    public long refusals() {
        return refusals.get();
    }

    private Optional<byte[]> open(String key, byte[] stored) {
        if (stored.length >= TAG) {
            int length = stored.length - TAG;
            byte[] expected = tag(key, stored, 0, length);
            if (MessageDigest.isEqual(expected, Arrays.copyOfRange(stored, length, stored.length))) {
                return Optional.of(Arrays.copyOf(stored, length));
            }
        }
        refuse(key, stored);
        return Optional.empty();
    }

    private void refuse(String key, byte[] stored) {
        refusals.incrementAndGet();
        String reason = "its authentication tag does not match: the row was not written by Vigil (inserted or edited"
                + " in the data directory)";
        String id = rows.name() + "/" + key + "/" + HexFormat.of().formatHex(sha256(stored), 0, 8);
        if (reported.size() < MAX_REMEMBERED && !reported.add(id)) {
            return;
        }
        log.error("refused record '{}' of table {}: {}", key, rows.name(), reason);
        try {
            listener.refused(rows.name(), key, reason);
        } catch (RuntimeException e) {
            log.error("could not ledger the refusal of record '{}' of table {}: {}", key, rows.name(), e.getMessage());
        }
    }

    private byte[] tag(String key, byte[] value, int offset, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            byte[] table = rows.name().getBytes(StandardCharsets.UTF_8);
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            mac.update(LABEL);
            mac.update(ByteBuffer.allocate(4).putInt(table.length).array());
            mac.update(table);
            mac.update(ByteBuffer.allocate(4).putInt(k.length).array());
            mac.update(k);
            mac.update(value, offset, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

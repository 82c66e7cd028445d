package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical bytes of the ledger (version 1), specified in docs/ledger.md. All integers
 * are big-endian. Every field is length-prefixed or fixed-size and the order is fixed, so
 * two different records never share an encoding and one record has exactly one encoding.
 *
 * <pre>
 * record   = 0x01 type:str time:inst actor:str cameras:ostr footageFrom:oinst footageTo:oinst
 *            purpose:ostr recipient:ostr legalBasis:ostr form:ostr period:ostr details
 * str      = u32 length, UTF-8 bytes          ostr  = 0x00 (null) | 0x01 str
 * inst     = i64 epoch seconds, i32 nanos     oinst = 0x00 (null) | 0x01 inst
 * details  = u32 count, then count × (key:str value:str), keys in ascending unsigned UTF-8 byte order
 *
 * entry hash = SHA-256(u64 number || previous hash (32) || record bytes); entry 1's previous hash is 32 zero bytes
 * entry row  = key u64 number; value 0x01 u64 number, previous hash (32), hash (32), record bytes
 * head bytes (signed) = "vigil-ledger-head-v1" (ASCII) u64 size, head hash (32), inst time
 * head row   = key u64 size; value 0x01 u64 size, hash (32), inst time, u8 n + signature, u8 n + public key (raw 32 bytes)
 * </pre>
 *
 * <p>Why one class of about 360 lines: it is the single definition of these bytes, which feed
 * every hash and signature and must never change; the encoder and the decoder of each field
 * sit side by side so a change to one is seen beside the other. Strict UTF-8 text comes from
 * {@code io.vigil.storage.text.StrictUtf8}, shared with the keystore file.
 */
public final class LedgerCodec {
    public static final int HASH_LENGTH = 32;
    static final byte RECORD_VERSION = 1;
    static final byte ROW_VERSION = 1;
    static final int ENTRY_HEADER_LENGTH = 1 + 8 + HASH_LENGTH + HASH_LENGTH;
    private static final byte[] HEAD_LABEL = "vigil-ledger-head-v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_HASH = new byte[HASH_LENGTH];
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(LedgerCodec::sha256);

    private LedgerCodec() {
    }

    /** The previous hash of entry 1. */
    public static byte[] genesisHash() {
        return ZERO_HASH.clone();
    }

    /** Thrown when stored bytes are not a valid encoding. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    // ---- records ----

    /**
     * Canonical bytes of a record.
     *
     * @throws IllegalArgumentException if a text field holds unpaired UTF-16 surrogates (not encodable)
     */
    public static byte[] encodeRecord(LedgerRecord record) {
        Output out = new Output(256);
        out.u8(RECORD_VERSION);
        out.str(record.type(), "type");
        out.instant(record.time());
        out.str(record.actor(), "actor");
        out.optStr(record.cameraIds(), "cameraIds");
        out.optInstant(record.footageFrom());
        out.optInstant(record.footageTo());
        out.optStr(record.purpose(), "purpose");
        out.optStr(record.recipient(), "recipient");
        out.optStr(record.legalBasis(), "legalBasis");
        out.optStr(record.form(), "form");
        out.optStr(record.period(), "period");
        List<byte[][]> details = new ArrayList<>(record.details().size());
        for (Map.Entry<String, String> e : record.details().entrySet()) {
            details.add(new byte[][] {utf8(e.getKey(), "details key"), utf8(e.getValue(), "details value")});
        }
        details.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        out.u32(details.size());
        for (byte[][] pair : details) {
            out.bytes(pair[0]);
            out.bytes(pair[1]);
        }
        return out.toByteArray();
    }

    public static LedgerRecord decodeRecord(byte[] bytes, int offset, int length) throws MalformedException {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
            int version = in.get();
            if (version != RECORD_VERSION) {
                throw new MalformedException("unknown record version " + version);
            }
            String type = str(in);
            Instant time = instant(in);
            String actor = str(in);
            String cameras = optStr(in);
            Instant from = optInstant(in);
            Instant to = optInstant(in);
            String purpose = optStr(in);
            String recipient = optStr(in);
            String legalBasis = optStr(in);
            String form = optStr(in);
            String period = optStr(in);
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) {
                throw new MalformedException("implausible details count " + count);
            }
            Map<String, String> details = new LinkedHashMap<>(count * 2);
            byte[] previousKey = null;
            for (int i = 0; i < count; i++) {
                byte[] key = rawStr(in);
                if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
                    throw new MalformedException("details keys not in canonical order");
                }
                previousKey = key;
                details.put(new String(key, StandardCharsets.UTF_8), str(in));
            }
            if (in.hasRemaining()) {
                throw new MalformedException(in.remaining() + " trailing bytes after the record");
            }
            return new LedgerRecord(type, time, actor, cameras, from, to, purpose, recipient, legalBasis, form, period,
                    details);
        } catch (BufferUnderflowException e) {
            throw new MalformedException("record is truncated");
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new MalformedException("invalid field: " + e.getMessage());
        }
    }

    // ---- entries ----

    /** SHA-256(u64 number || previous hash || record bytes). */
    public static byte[] entryHash(long number, byte[] previousHash, byte[] recordBytes, int offset, int length) {
        // One digest per thread: MessageDigest.getInstance costs more than hashing a small entry.
        MessageDigest sha = SHA256.get();
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (number >>> shift));
        }
        sha.update(previousHash, 0, HASH_LENGTH);
        sha.update(recordBytes, offset, length);
        return sha.digest();
    }

    public static byte[] entryHash(long number, byte[] previousHash, byte[] recordBytes) {
        return entryHash(number, previousHash, recordBytes, 0, recordBytes.length);
    }

    public static byte[] numberKey(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    public static long numberFromKey(byte[] key) throws MalformedException {
        if (key.length != 8) {
            throw new MalformedException("row key of " + key.length + " bytes, expected 8");
        }
        return ByteBuffer.wrap(key).getLong();
    }

    public static byte[] encodeEntryRow(long number, byte[] previousHash, byte[] hash, byte[] recordBytes) {
        return ByteBuffer.allocate(ENTRY_HEADER_LENGTH + recordBytes.length)
                .put(ROW_VERSION).putLong(number).put(previousHash).put(hash).put(recordBytes).array();
    }

    /** An entry row split into its parts without decoding the record. */
    public record EntryRow(long number, byte[] previousHash, byte[] hash, byte[] row) {
        public int recordOffset() {
            return ENTRY_HEADER_LENGTH;
        }

        public int recordLength() {
            return row.length - ENTRY_HEADER_LENGTH;
        }

        /** Recomputes the hash from number, previous hash and record bytes. */
        public byte[] computedHash() {
            return entryHash(number, previousHash, row, ENTRY_HEADER_LENGTH, recordLength());
        }

        public LedgerEntry toEntry() throws MalformedException {
            return new LedgerEntry(number, decodeRecord(row, ENTRY_HEADER_LENGTH, recordLength()), previousHash, hash);
        }
    }

    public static EntryRow splitEntryRow(byte[] row) throws MalformedException {
        if (row.length < ENTRY_HEADER_LENGTH + 1) {
            throw new MalformedException("entry row of " + row.length + " bytes is too short");
        }
        if (row[0] != ROW_VERSION) {
            throw new MalformedException("unknown entry row version " + row[0]);
        }
        ByteBuffer in = ByteBuffer.wrap(row);
        in.get();
        long number = in.getLong();
        byte[] previous = new byte[HASH_LENGTH];
        byte[] hash = new byte[HASH_LENGTH];
        in.get(previous).get(hash);
        return new EntryRow(number, previous, hash, row);
    }

    // ---- heads ----

    /** The bytes an Ed25519 head signature covers. */
    public static byte[] headSignedBytes(long size, byte[] headHash, Instant time) {
        return ByteBuffer.allocate(HEAD_LABEL.length + 8 + HASH_LENGTH + 12)
                .put(HEAD_LABEL).putLong(size).put(headHash).putLong(time.getEpochSecond()).putInt(time.getNano())
                .array();
    }

    public static byte[] encodeHeadRow(Ledger.SignedHead head) {
        return ByteBuffer.allocate(1 + 8 + HASH_LENGTH + 12 + 1 + head.signature().length + 1 + head.publicKey().length)
                .put(ROW_VERSION).putLong(head.size()).put(head.headHash())
                .putLong(head.time().getEpochSecond()).putInt(head.time().getNano())
                .put((byte) head.signature().length).put(head.signature())
                .put((byte) head.publicKey().length).put(head.publicKey())
                .array();
    }

    public static Ledger.SignedHead decodeHeadRow(byte[] row) throws MalformedException {
        try {
            ByteBuffer in = ByteBuffer.wrap(row);
            if (in.get() != ROW_VERSION) {
                throw new MalformedException("unknown head row version " + row[0]);
            }
            long size = in.getLong();
            byte[] hash = new byte[HASH_LENGTH];
            in.get(hash);
            Instant time = Instant.ofEpochSecond(in.getLong(), in.getInt());
            byte[] signature = new byte[Byte.toUnsignedInt(in.get())];
            in.get(signature);
            byte[] publicKey = new byte[Byte.toUnsignedInt(in.get())];
            in.get(publicKey);
            if (in.hasRemaining()) {
                throw new MalformedException("trailing bytes in head row");
            }
            return new Ledger.SignedHead(size, hash, time, signature, publicKey);
        } catch (BufferUnderflowException e) {
            throw new MalformedException("head row is truncated");
        } catch (DateTimeException e) {
            throw new MalformedException("invalid head time");
        }
    }

    // ---- primitives ----

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] utf8(String value, String field) {
        return io.vigil.storage.text.StrictUtf8.encode(value).orElseThrow(
                () -> new IllegalArgumentException("ledger field " + field + " is not valid Unicode text"));
    }

    private static String str(ByteBuffer in) throws MalformedException {
        return new String(rawStr(in), StandardCharsets.UTF_8);
    }

    private static byte[] rawStr(ByteBuffer in) throws MalformedException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new MalformedException("string length " + length + " exceeds the record");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String optStr(ByteBuffer in) throws MalformedException {
        return present(in) ? str(in) : null;
    }

    private static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static Instant optInstant(ByteBuffer in) throws MalformedException {
        return present(in) ? instant(in) : null;
    }

    private static boolean present(ByteBuffer in) throws MalformedException {
        byte flag = in.get();
        if (flag != 0 && flag != 1) {
            throw new MalformedException("invalid presence flag " + flag);
        }
        return flag == 1;
    }

    /** Growable big-endian output. */
    private static final class Output {
        private ByteBuffer buffer;

        Output(int capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }

        void u8(int value) {
            ensure(1);
            buffer.put((byte) value);
        }

        void u32(int value) {
            ensure(4);
            buffer.putInt(value);
        }

        void bytes(byte[] value) {
            ensure(4 + value.length);
            buffer.putInt(value.length).put(value);
        }

        void str(String value, String field) {
            bytes(utf8(value, field));
        }

        void optStr(String value, String field) {
            if (value == null) {
                u8(0);
            } else {
                u8(1);
                str(value, field);
            }
        }

        void instant(Instant value) {
            ensure(12);
            buffer.putLong(value.getEpochSecond()).putInt(value.getNano());
        }

        void optInstant(Instant value) {
            if (value == null) {
                u8(0);
            } else {
                u8(1);
                instant(value);
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}

package io.vigil.ingest.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SEI messages built by hand, byte by byte, as H.264 7.3.2.3 and D.1.8 lay them out. */
class H264RecoveryPointTest {
    /** recovery_frame_cnt ue(0) = 1, exact_match 1, broken_link 0, changing_slice_group_idc 00, then payload alignment 1 0 0. */
    private static final int[] RECOVERY_0 = {0xC4};
    /** An I slice header start: first_mb_in_slice ue(0) = 1, slice_type ue(7) = 0001000, then anything. */
    private static final byte[] I_SLICE = {0x01, (byte) 0x88, (byte) 0x84, 0x00, 0x21};
    /** A P slice: first_mb ue(0) = 1, slice_type ue(5) = 00110. */
    private static final byte[] P_SLICE = {0x01, (byte) 0x9A, 0x21, 0x00};

    @Test
    void recoveryPointAfterOtherMessagesWithLongTypesAndSizes() throws Exception {
        // user data unregistered (type 5) of 300 bytes: size coded FF 2D; a type of 300 (FF 2D)
        // of 2 bytes; then the recovery point
        byte[] sei = sei(message(5, new int[300]), message(300, new int[] {1, 2}), message(6, RECOVERY_0));
        assertEquals(0, H264RecoveryPoint.recoveryFrameCount(sei));
        assertTrue(H264RecoveryPoint.of(List.of(sei, I_SLICE)).randomAccess());
    }

    @Test
    void payloadSizeCountsRbspBytesNotEmulationPreventionBytes() throws Exception {
        // a payload of 00 00 01 00 00 02: written as 00 00 03 01 00 00 03 02, 2 bytes longer;
        // reading its size in NAL bytes would land in the middle of it
        byte[] sei = sei(message(5, new int[] {0, 0, 1, 0, 0, 2}), message(6, RECOVERY_0));
        assertTrue(sei.length > 1 + 2 + 6 + 3 + 1, "emulation prevention bytes were written");
        assertEquals(0, H264RecoveryPoint.recoveryFrameCount(sei));
    }

    @Test
    void recoveryFrameCountAboveZeroIsNotARandomAccessPoint() throws Exception {
        // ue(5) = 00110, flags 1 0 00, alignment 1: 0011 0100 01 + 000000 -> 0x34 0x40
        byte[] sei = sei(message(6, new int[] {0x34, 0x40}));
        assertEquals(5, H264RecoveryPoint.recoveryFrameCount(sei));
        assertFalse(H264RecoveryPoint.of(List.of(sei, I_SLICE)).randomAccess(), "gradual decoding refresh");
    }

    @Test
    void onlyAnIPictureIsARandomAccessPoint() {
        byte[] sei = sei(message(6, RECOVERY_0));
        assertFalse(H264RecoveryPoint.of(List.of(sei, P_SLICE)).randomAccess());
        assertFalse(H264RecoveryPoint.of(List.of(sei, I_SLICE, P_SLICE)).randomAccess(), "every slice must be I");
        assertFalse(H264RecoveryPoint.of(List.of(sei)).randomAccess(), "no slice at all");
        assertFalse(H264RecoveryPoint.of(List.of(I_SLICE)).randomAccess(), "no SEI");
        assertTrue(H264RecoveryPoint.of(List.of(sei, I_SLICE, I_SLICE)).randomAccess());
    }

    @Test
    void malformedSeiIsReportedNotThrown() {
        byte[][] bad = {
            {6}, // no message
            {6, 6}, // type without size
            {6, 6, 10, (byte) 0xC4, (byte) 0x80}, // size beyond the NAL unit
            {6, 6, 0, (byte) 0x80}, // recovery point of 0 bytes
            {6, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, // type running off the end
            {6, 6, 1, 0x00, 0x00, 0x00}, // ue() with 31+ leading zeros
        };
        for (byte[] nal : bad) {
            H264RecoveryPoint.Result r = H264RecoveryPoint.of(List.of(nal, I_SLICE));
            assertFalse(r.randomAccess());
            assertNotNull(r.malformed(), java.util.Arrays.toString(nal));
        }
        // without trailing bits after a whole message: accepted (cameras write them so)
        assertNull(H264RecoveryPoint.of(List.of(new byte[] {6, 6, 1, (byte) 0xC4}, I_SLICE)).malformed());
        assertTrue(H264RecoveryPoint.of(List.of(new byte[] {6, 6, 1, (byte) 0xC4}, I_SLICE)).randomAccess());
    }

    @Test
    void randomAndMutatedInputNeverThrows() {
        Random random = new Random(42);
        byte[] good = sei(message(5, new int[40]), message(6, RECOVERY_0));
        for (int i = 0; i < 200_000; i++) {
            byte[] nal;
            if (i % 2 == 0) {
                nal = new byte[1 + random.nextInt(40)];
                random.nextBytes(nal);
            } else {
                nal = good.clone();
                for (int m = random.nextInt(4); m >= 0; m--) nal[random.nextInt(nal.length)] = (byte) random.nextInt(256);
                if (random.nextBoolean()) nal = java.util.Arrays.copyOf(nal, random.nextInt(nal.length + 1));
            }
            if (nal.length == 0) continue;
            nal[0] = 6;
            byte[] slice = new byte[1 + random.nextInt(6)];
            random.nextBytes(slice);
            slice[0] = (byte) (1 + random.nextInt(5));
            H264RecoveryPoint.of(List.of(nal, slice)); // returns; an exception fails the test
        }
    }

    /** One SEI message's RBSP bytes: type and size in 0xFF-run coding, then the payload. */
    private static byte[] message(int type, int[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int t = type; ; t -= 255) {
            if (t < 255) {
                out.write(t);
                break;
            }
            out.write(0xFF);
        }
        for (int s = payload.length; ; s -= 255) {
            if (s < 255) {
                out.write(s);
                break;
            }
            out.write(0xFF);
        }
        for (int b : payload) out.write(b);
        return out.toByteArray();
    }

    /** An SEI NAL unit: header 0x06, the messages and the trailing bits, with emulation prevention. */
    private static byte[] sei(byte[]... messages) {
        ByteArrayOutputStream rbsp = new ByteArrayOutputStream();
        for (byte[] m : messages) rbsp.writeBytes(m);
        rbsp.write(0x80);
        ByteArrayOutputStream nal = new ByteArrayOutputStream();
        nal.write(6);
        int zeros = 0;
        for (byte b : rbsp.toByteArray()) {
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                nal.write(3);
                zeros = 0;
            }
            nal.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return nal.toByteArray();
    }
}

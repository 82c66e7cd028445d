package io.vigil.ingest.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test helper: seeded random damage to a list of packets (bit flips, truncation, drops, duplicates, swaps). */
final class Mutator {
    private Mutator() {}

    static List<byte[]> mutate(List<byte[]> original, long seed, int mutations) {
        Random r = new Random(seed);
        List<byte[]> packets = new ArrayList<>();
        for (byte[] p : original) packets.add(p.clone());
        for (int m = 0; m < mutations && !packets.isEmpty(); m++) {
            int i = r.nextInt(packets.size());
            byte[] p = packets.get(i);
            if (p.length == 0) continue; // already truncated to nothing
            switch (r.nextInt(6)) {
                case 0 -> p[r.nextInt(p.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> packets.set(i, java.util.Arrays.copyOf(p, r.nextInt(p.length + 1)));
                case 2 -> packets.remove(i);
                case 3 -> packets.add(i, p.clone());
                case 4 -> {
                    int j = r.nextInt(packets.size());
                    packets.set(i, packets.get(j));
                    packets.set(j, p);
                }
                default -> { // damage the payload's first bytes, where the NAL/FU headers are
                    if (p.length > 14) p[12 + r.nextInt(3)] = (byte) r.nextInt(256);
                }
            }
        }
        return packets;
    }
}

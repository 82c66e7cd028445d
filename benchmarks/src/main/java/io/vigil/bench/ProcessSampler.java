package io.vigil.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples this process's resident set (native memory included: decoder, encoder and
 * network buffers live outside the heap) and its heap twice a second while a benchmark
 * phase runs, and reads the process's CPU time, so a figure taken on a shared machine can
 * be told apart from the load around it.
 */
public final class ProcessSampler extends Thread {
    private volatile boolean running = true;
    private volatile long peakRssMb, peakHeapMb;
    private final List<Long> rss = new ArrayList<>();

    public ProcessSampler() {
        super("process-sampler");
        setDaemon(true);
    }

    @Override
    public void run() {
        while (running) {
            long r = rssMb();
            long h = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            synchronized (rss) {
                rss.add(r);
            }
            peakRssMb = Math.max(peakRssMb, r);
            peakHeapMb = Math.max(peakHeapMb, h);
            try {
                Thread.sleep(500); // the sampling period, not synchronisation
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and waits for the sampler to end, so the figures are final. */
    public void finish() throws InterruptedException {
        running = false;
        interrupt();
        join();
    }

    public long peakRssMb() {
        return peakRssMb;
    }

    public long peakHeapMb() {
        return peakHeapMb;
    }

    /** The resident set sampled after {@code share} (0..1) of the phase, in MB. */
    public long rssAt(double share) {
        synchronized (rss) {
            if (rss.isEmpty()) return -1;
            return rss.get(Math.min(rss.size() - 1, (int) Math.round(share * (rss.size() - 1))));
        }
    }

    /** CPU time of every thread of this JVM (native threads it started included), in nanoseconds. */
    public static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    /** The machine's load average as /proc/loadavg gives it, or "?". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The machine's 1, 5 and 15-minute load averages from /proc/loadavg, or "unknown". */
    public static String loadAverages() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long rssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}

package io.vigil.bench.ingest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A party of an ingest benchmark run as its own process, so its CPU can be read from /proc:
 * its standard error goes to {@code log}, its standard output is read on a thread (copied to
 * {@code log.out}, never left to fill the pipe) and its lines awaited by prefix, its standard
 * input takes commands.
 */
final class BenchChild {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BufferedWriter in;
    private final Path log;

    private BenchChild(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Writer copy = Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".out"));
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 copy) {
                String line;
                while ((line = out.readLine()) != null) {
                    copy.write(line);
                    copy.write('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                // child gone; awaitLine notices
            } finally {
                lines.add(EOF);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static BenchChild start(Path log, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        return new BenchChild(p, log);
    }

    /** The next output line starting with {@code prefix} (others are skipped); fails if the child ends first or is silent for 10 minutes. */
    String awaitLine(String prefix) throws IOException, InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.MINUTES);
            if (line == null || line.equals(EOF)) throw new IOException("child ended before saying " + prefix + "; see " + log);
            if (line.startsWith(prefix)) return line;
        }
    }

    void send(String line) throws IOException {
        in.write(line);
        in.newLine();
        in.flush();
    }

    /** Sends {@code command} and returns the answer line starting with {@code answerPrefix}. */
    String command(String command, String answerPrefix) throws IOException, InterruptedException {
        send(command);
        return awaitLine(answerPrefix);
    }

    /** utime + stime of the process (threads included) in clock ticks. */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CPU of pid " + process.pid(), e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What the child wrote to its standard error. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM (ffmpeg finishes its segment and exits), forcibly after 10 s. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    /** Sends {@code command} (if any) for the child to end by itself; SIGTERM after 10 s, forcibly after 5 more. */
    void stop(String command) throws InterruptedException {
        if (command != null && process.isAlive()) {
            try {
                send(command);
            } catch (IOException ignored) {
                // already gone
            }
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    /** Waits up to 60 s for the child to end, then ends it forcibly. */
    void waitFor() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}

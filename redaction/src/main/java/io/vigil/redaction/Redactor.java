package io.vigil.redaction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The entry point for the gateway: makes a masked copy of one camera's window
 * ({@link #redact}), which is also the review preview, and releases it with a signed
 * manifest ({@link #release}).
 *
 * <p>Three threads per job, joined by queues of a few frames, so memory is bounded however
 * long the window: decode (the caller's {@link SegmentSource}, one decrypted segment in
 * memory at a time), analyse and mask, encode (into an encrypted temporary file). Frames
 * travel in a fixed pool of Mats that go round: the decoder writes into one taken from the
 * pool, the encoder gives it back. Nothing decrypted is written to disk.
 * Blocking: call it from a worker thread, never an event loop.
 */
public final class Redactor {
    private static final int POOL = 6;

    private final Path workDir;
    private final ManifestSigner signer;

    /**
     * @param workDir where the encrypted temporary MP4 goes (inside the data directory's
     *     disk, never a shared /tmp is needed)
     */
    public Redactor(Path workDir, ManifestSigner signer) {
        this.workDir = workDir;
        this.signer = signer;
    }

    /**
     * Masks the window and returns the copy with what the review page shows. Nothing is
     * released by this: the result is a preview until {@link #release} signs it.
     *
     * @throws RedactionException with a message for staff (no footage, a mark outside the
     *     picture, a resolution change, a corrupt segment, ...); the temporary file is gone then
     */
    public RedactionResult redact(RedactionRequest request, SegmentSource source, ReviewEdits edits) {
        return redact(request, source, edits, () -> false);
    }

    /**
     * As {@link #redact(RedactionRequest, SegmentSource, ReviewEdits)}, and stops at the next
     * frame once {@code cancelled} says so: throws {@link RedactionCancelledException}, and the
     * partial output is deleted (asked before each frame is decoded and before each is encoded).
     */
    public RedactionResult redact(RedactionRequest request, SegmentSource source, ReviewEdits edits, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        if (request.marks().isEmpty()) {
            throw new RedactionException("request " + request.requestId() + ": the requester is not marked; draw a box around them on at least one frame");
        }
        StageTimes times = new StageTimes();
        SealedFile out = new SealedFile(workDir);
        try {
            Job job = new Job(request, source, edits, times, out, cancelled);
            job.run();
            String sha = out.sha256Hex();
            return new RedactionResult(request, edits, out, sha, job.frames, job.frameRate, job.width, job.height,
                    job.tracks, job.flags, job.path, job.hashes, times, job.trackerLosses, job.inferences, System.nanoTime() - start);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Signs the manifest of a reviewed copy. The gateway writes the ledger entry ({@link #ledgerDetails}). */
    public ReleaseManifest release(RedactionResult result, String reviewer, Instant now) {
        if (reviewer == null || reviewer.isBlank()) throw new RedactionException("a masked copy is released only by a named reviewer");
        return ReleaseManifest.build(result, reviewer, now, signer);
    }

    /** The facts a release's ledger entry carries (settings, model hash, reviewer, output hash). */
    public static java.util.Map<String, String> ledgerDetails(RedactionResult r, String reviewer) {
        java.util.Map<String, String> d = new java.util.TreeMap<>();
        RedactionSettings s = r.request().settings();
        d.put("request", r.request().requestId());
        d.put("reviewer", reviewer);
        d.put("mode", s.mode().name());
        d.put("settings", s.toString());
        d.put("model.sha256", FaceModel.SHA256);
        d.put("output.sha256", r.outputSha256());
        d.put("output.frames", Long.toString(r.frames()));
        d.put("unmaskedTracks", r.edits().unmaskedTracks().toString());
        d.put("addedRegions", Integer.toString(r.edits().addedRegions().size()));
        d.put("unmaskedSpans", Integer.toString(r.edits().unmaskedSpans().size()));
        return d;
    }

    /** One run of the three stages. */
    private static final class Job {
        final RedactionRequest request;
        final SegmentSource source;
        final ReviewEdits edits;
        final StageTimes times;
        final SealedFile out;
        final BooleanSupplier cancelled;
        final BlockingQueue<Mat> free;
        final BlockingQueue<FrameItem> decoded = new ArrayBlockingQueue<>(POOL);
        final BlockingQueue<FrameItem> masked = new ArrayBlockingQueue<>(POOL);
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        volatile double frameRate = 25;
        volatile int width, height;
        long frames, trackerLosses, inferences;
        List<FaceTrackSummary> tracks = List.of();
        List<OverlapFlag> flags = List.of();
        RequesterPath path;
        final List<RedactionResult.SourceSegmentHash> hashes = new ArrayList<>();

        Job(RedactionRequest request, SegmentSource source, ReviewEdits edits, StageTimes times, SealedFile out,
            BooleanSupplier cancelled) {
            this.request = request;
            this.cancelled = cancelled;
            this.source = source;
            this.edits = edits;
            this.times = times;
            this.out = out;
            int mats = POOL + FrameRedactor.lookBack(request.settings());
            this.free = new ArrayBlockingQueue<>(mats);
            for (int i = 0; i < mats; i++) free.add(new Mat());
        }

        void run() {
            Thread decoder = new Thread(this::decode, "redaction-decode-" + request.requestId());
            Thread analyser = new Thread(this::analyse, "redaction-mask-" + request.requestId());
            decoder.start();
            analyser.start();
            try {
                encode();
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                decoder.interrupt();
                analyser.interrupt();
                join(decoder);
                join(analyser);
                for (Mat m : free) m.close();
                drain(decoded);
                drain(masked);
            }
            RuntimeException e = failure.get();
            if (e != null) throw e;
            if (frames == 0) {
                throw new RedactionException("camera " + request.cameraId() + " has no footage between " + request.from()
                        + " and " + request.to() + " (request " + request.requestId() + "); nothing to mask, nothing released");
            }
        }

        private void decode() {
            SegmentDecoder dec = new SegmentDecoder(source, request.from(), request.to(), times);
            try {
                dec.run(new SegmentDecoder.FrameSink() {
                    long index;

                    @Override
                    public Mat next() throws InterruptedException {
                        checkCancelled();
                        if (failure.get() != null) throw new InterruptedException();
                        return free.take();
                    }

                    @Override
                    public void frame(Mat bgr, Instant at, double fps) throws InterruptedException {
                        if (index == 0) {
                            frameRate = fps;
                            width = bgr.cols();
                            height = bgr.rows();
                        }
                        decoded.put(new FrameItem(bgr, index++, at));
                    }
                });
                for (String[] h : dec.segmentHashes()) hashes.add(new RedactionResult.SourceSegmentHash(h[0], h[1]));
                decoded.put(FrameItem.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void analyse() {
            try (FrameRedactor fr = new FrameRedactor(request.settings(), request.marks(), edits, times, request.from())) {
                while (true) {
                    FrameItem it = decoded.take();
                    if (it.isEnd()) break;
                    if (it.index() == 0) RequesterTracker.checkMarks(request.marks(), it.bgr().cols(), it.bgr().rows(), request.from());
                    for (FrameItem ready : fr.push(it)) masked.put(ready);
                }
                for (FrameItem ready : fr.flush()) masked.put(ready);
                tracks = fr.finishTracks();
                path = fr.requesterPath();
                flags = fr.finishFlags();
                trackerLosses = fr.trackerLosses();
                inferences = fr.inferences();
                times.secondLooks = fr.secondLooks();
                masked.put(FrameItem.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private void encode() {
            Mp4Encoder enc = null;
            try {
                while (failure.get() == null) {
                    FrameItem it = masked.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (it == null) {
                        checkCancelled();
                        continue;
                    }
                    if (it.isEnd()) break;
                    checkCancelled();
                    if (failure.get() != null) {
                        free.put(it.bgr());
                        break;
                    }
                    long t0 = System.nanoTime();
                    if (enc == null) enc = new Mp4Encoder(out, it.bgr().cols(), it.bgr().rows(), frameRate, request.settings().bitrate());
                    enc.encode(it.bgr());
                    frames++;
                    free.put(it.bgr());
                    times.encode += System.nanoTime() - t0;
                }
                if (enc != null && failure.get() == null) {
                    long t0 = System.nanoTime();
                    enc.finish();
                    times.encode += System.nanoTime() - t0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new RedactionException("masking of request " + request.requestId() + " was interrupted"));
            } finally {
                if (enc != null) enc.close();
            }
        }

        /** Stops the job at this frame when the caller cancelled it (the stages all stop on the failure). */
        private void checkCancelled() {
            if (cancelled.getAsBoolean()) {
                fail(new RedactionCancelledException("the masking of request " + request.requestId() + " camera "
                        + request.cameraId() + " was cancelled"));
            }
        }

        private void fail(RuntimeException e) {
            failure.compareAndSet(null, e instanceof RedactionException ? e
                    : new RedactionException("masking of request " + request.requestId() + " failed: " + e, e));
        }

        private static void join(Thread t) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void drain(BlockingQueue<FrameItem> q) {
            for (FrameItem it; (it = q.poll()) != null; ) {
                if (it.bgr() != null) it.bgr().close();
            }
        }
    }
}

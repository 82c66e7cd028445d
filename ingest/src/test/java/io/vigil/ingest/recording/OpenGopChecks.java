package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@link H264OpenGopTest} and {@link H265OpenGopTest} share on the segments of
 * the same 10 s testsrc2 clip: each segment alone (as many samples as frames, pictures
 * decoded, wall-clock interval meeting the previous one) and their concatenation as the
 * viewer assembles it (first init, then every moof + mdat): no decoder message, the
 * expected source pictures once each, in order, one frame apart, and wall-clock intervals
 * adding up to the pictures' time. Which samples are leading pictures and what ffmpeg may
 * print decoding a segment alone differ between the codecs, so each test passes its own
 * rules for those.
 */
final class OpenGopChecks {
    static final String SOURCE = "testsrc2=size=320x240:rate=24";
    /** One picture at 24 frames/s in 90 kHz ticks. */
    static final long FRAME = 3750;
    static final long WALL = 1_700_000_000_000L;
    static final int FRAMES = 240;
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;

    /** The codec's rules for the first sample and the is_leading flags of one segment. */
    @FunctionalInterface
    interface LeadingRule {
        /**
         * Checks the segment's first sample and every sample's is_leading.
         *
         * @return how many of the segment's pictures it does not show when played alone
         */
        int check(int segment, List<TrunSamples.Sample> samples);
    }

    /** The codec's rule for what ffmpeg prints decoding one segment alone. */
    @FunctionalInterface
    interface AloneMessagesRule {
        void check(Path file, TrunSamples.Sample first, String messages);
    }

    private final Path dir;
    private final VideoCodec codec;
    private final String ffprobeCodec;
    private final LeadingRule leading;
    private final AloneMessagesRule aloneMessages;
    /** A decoder message about damage a test put into the stream itself, or null. */
    private String injected;

    OpenGopChecks(Path dir, VideoCodec codec, String ffprobeCodec, LeadingRule leading, AloneMessagesRule aloneMessages) {
        this.dir = dir;
        this.codec = codec;
        this.ffprobeCodec = ffprobeCodec;
        this.leading = leading;
        this.aloneMessages = aloneMessages;
    }

    /** Lets decoder messages matching {@code regex} through: they are about damage the test put in itself. */
    void ignoreMessages(String regex) {
        injected = regex;
    }

    /** Where {@link #check} wrote segment {@code index}. */
    Path segmentFile(int index) {
        return dir.resolve("seg" + index + ".mp4");
    }

    /** Where {@link #check} wrote the concatenation of all segments. */
    Path concatenation() {
        return dir.resolve("all.mp4");
    }

    /**
     * Checks each segment alone and their concatenation with ffprobe and ffmpeg, leaving the
     * files at {@link #segmentFile} and {@link #concatenation} for codec-specific checks.
     *
     * @param shown the source pictures the concatenation must show, in order
     * @return per segment, how many of its pictures it does not show when played alone
     */
    List<Integer> check(List<Segment> segments, List<Integer> shown) throws Exception {
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        List<Integer> skippedAlone = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            byte[] bytes = s.fmp4();
            Path file = segmentFile(i);
            Files.write(file, bytes);
            List<TrunSamples.Sample> samples = TrunSamples.of(bytes, codec);
            assertEquals(s.frames(), samples.size());
            int unplayable = leading.check(i, samples);
            skippedAlone.add(unplayable);

            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals(ffprobeCodec, probe.codec());
            assertEquals(samples.size() - unplayable, probe.frames(), "pictures decoded from " + file + " alone");
            aloneMessages.check(file, samples.get(0), withoutInjected(Ffprobe.decodeErrors(file)));

            // wall clock: consecutive segments meet exactly
            assertTrue(s.start().isBefore(s.end()), s.start() + " - " + s.end());
            if (i > 0) assertEquals(segments.get(i - 1).end(), s.start(), "segment " + i + " starts where the previous one ended");
            concat.write(i == 0 ? bytes : MediaPipeline.withoutInit(bytes));
        }
        Path all = concatenation();
        Files.write(all, concat.toByteArray());
        assertEquals("", withoutInjected(Ffprobe.decodeErrors(all)), "decoding the concatenation");
        assertEquals(shown.size(), Ffprobe.probe(all).frames(), "pictures decoded from the concatenation");
        List<Long> framePts = Ffprobe.framePts(all);
        assertEquals(shown.size(), framePts.size());
        for (int k = 1; k < framePts.size(); k++) {
            assertEquals(FRAME, framePts.get(k) - framePts.get(k - 1), "picture " + k + " of the concatenation is shown one frame after the one before");
        }
        assertShowsSource(all, shown);
        long wall = segments.get(segments.size() - 1).end().toEpochMilli() - segments.get(0).start().toEpochMilli();
        assertEquals(shown.size() * FRAME / 90, wall, 1, "the segments' wall-clock intervals add up to the pictures' time");
        return skippedAlone;
    }

    private String withoutInjected(String errors) {
        if (injected == null) return errors;
        return String.join("\n", errors.lines().filter(l -> !l.matches(injected)).toList());
    }

    /** Each picture {@code video} shows is the source picture expected there, not one decoded against wrong references. */
    void assertShowsSource(Path video, List<Integer> expected) throws Exception {
        GrayFrames source = source();
        GrayFrames decoded = decode(video);
        assertEquals(expected.size(), decoded.count(), "pictures decoded from " + video);
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            double psnr = decoded.psnr(k, source, expected.get(k));
            // libx265 ultrafast keeps these pictures above 32 dB; a wrongly referenced one is near 15 dB
            if (psnr < 25) wrong.add("picture " + k + " (source " + expected.get(k) + "): " + Math.round(psnr) + " dB");
        }
        assertEquals(List.of(), wrong, "pictures of " + video + " unlike the source");
    }

    /** The source clip's pictures, to compare decoded ones against. */
    GrayFrames source() throws Exception {
        return GrayFrames.source(SOURCE, FRAMES, WIDTH, HEIGHT, dir);
    }

    GrayFrames decode(Path video) throws Exception {
        return GrayFrames.decode(video, WIDTH, HEIGHT, dir);
    }

    /** The source indices of {@code fed} in display order (the RTP timestamps tell them). */
    static List<Integer> shown(List<AccessUnit> all, List<AccessUnit> fed) {
        long first = all.stream().mapToLong(AccessUnit::timestamp).min().orElseThrow();
        return fed.stream().map(au -> (int) ((au.timestamp() - first) / FRAME)).sorted().toList();
    }

    /** How many of {@code aus} are pictures of one of {@code types} (NAL unit types of the codec). */
    int count(List<AccessUnit> aus, int... types) {
        int n = 0;
        for (AccessUnit au : aus) {
            int t = codec.pictureType(au.nals());
            for (int x : types) if (t == x) n++;
        }
        return n;
    }
}

package io.vigil.ingest.rtsp;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadPacerTest {
    @Test
    void pausesAfterAReadAndResumesOnTheNextTick() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReadPacer(20));
        assertTrue(ch.config().isAutoRead());
        ch.pipeline().fireChannelReadComplete();
        assertFalse(ch.config().isAutoRead(), "reading pauses after a read");
        ch.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.config().isAutoRead(), "still paused before the tick");
        ch.advanceTimeBy(15, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.config().isAutoRead(), "the tick resumes reading");
        ch.finishAndReleaseAll();
    }
}

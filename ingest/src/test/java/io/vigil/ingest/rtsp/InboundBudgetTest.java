package io.vigil.ingest.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundBudgetTest {
    @Test
    void readingPausesOnlyWhenTheBudgetIsSpent() {
        InboundBudget budget = new InboundBudget(1_000_000, "camera test"); // burst 500 kB
        EmbeddedChannel ch = new EmbeddedChannel(budget);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[400_000]));
        assertTrue(ch.config().isAutoRead(), "within the burst");
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[400_000]));
        assertFalse(ch.config().isAutoRead(), "over the budget: reading pauses");
        assertEquals(1, budget.throttles());
        Object m;
        while ((m = ch.readInbound()) != null) ReferenceCountUtil.release(m);
        ch.finishAndReleaseAll();
    }

    @Test
    void aPacedChannelStaysPausedUntilTheBudgetHasRefilled() {
        InboundBudget budget = new InboundBudget(1_000_000, "camera test"); // burst 500 kB
        EmbeddedChannel ch = new EmbeddedChannel(budget, new ReadPacer(20));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[900_000])); // 400 kB over: a pause of ~0.4 s
        assertFalse(ch.config().isAutoRead());
        ch.advanceTimeBy(25, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.config().isAutoRead(), "the pacer's tick does not cut the budget's pause short");
        ch.advanceTimeBy(450, java.util.concurrent.TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.config().isAutoRead(), "the budget resumes reading once refilled");
        assertEquals(1, budget.throttles());
        Object m;
        while ((m = ch.readInbound()) != null) ReferenceCountUtil.release(m);
        ch.finishAndReleaseAll();
    }
}

package io.vigil.server;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerHeadText;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own entries in the ledger and the head's trip out of the data directory:
 * "vigil.start" (saying whether the previous run stopped cleanly or not), "vigil.stop" at a
 * clean shutdown (and, written at the next start, for a run that ended without one), and once a day (and at start) a log line with the latest signed head, for
 * the operator to keep where the data directory's owner cannot reach (docs/ledger.md).
 */
final class LedgerWitness implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerWitness.class);
    static final String START = LedgerEventType.VIGIL_START.code();
    static final String STOP = LedgerEventType.VIGIL_STOP.code();
    private static final int WINDOW = 1000;
    static final String UNCLEAN_NOTE = "the previous run did not stop cleanly (crash, kill or power loss)";

    private final Ledger ledger;
    private final Clock clock;
    private final ScheduledExecutorService daily;

    LedgerWitness(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.daily = Executors.newSingleThreadScheduledExecutor(VigilServer.daemonThreads("vigil-ledger-head"));
    }

    /**
     * Ledgers the start, after a "vigil.stop" for the previous run when that run ended
     * without one (crash, kill -9, power loss), then logs the head now and every 24 hours.
     * Returns whether the previous run stopped uncleanly.
     *
     * @param startedAt when this process started, before the store was opened: entries the
     *                  opening itself wrote (a crash's fsck repair) are not the dead run's
     */
    boolean start(java.time.Instant startedAt) {
        Optional<LedgerEntry> previous = lastStartOrStop();
        boolean unclean = previous.isPresent() && previous.get().record().type().equals(START);
        if (unclean) {
            // The last entry written before this start is the last sign of life the ledger has of the dead run.
            String lastEntry = lastEntryBefore(startedAt).map(e -> e.record().time().toString()).orElse("unknown");
            ledger.append(LedgerRecord.of(LedgerEventType.VIGIL_STOP, clock.instant(), "vigil", Map.of(
                    "clean", "false", "previousStart", previous.get().record().time().toString(), "lastEntry", lastEntry,
                    "note", UNCLEAN_NOTE + "; recorded at the next start")));
            ledger.append(LedgerRecord.of(LedgerEventType.VIGIL_START, clock.instant(), "vigil", Map.of(
                    "previousStop", "unclean", "previousStart", previous.get().record().time().toString(), "lastEntry", lastEntry,
                    "note", UNCLEAN_NOTE + "; Vigil was not running from about " + lastEntry + " until this start")));
            log.warn("the previous run (started {}, last ledger entry {}) did not stop cleanly; recorded in the ledger",
                    previous.get().record().time(), lastEntry);
        } else {
            ledger.append(LedgerRecord.of(LedgerEventType.VIGIL_START, clock.instant(), "vigil",
                    Map.of("previousStop", previous.isPresent() ? "clean" : "none")));
        }
        ledger.signingBlocked().ifPresent(why -> log.error("LEDGER DAMAGED, no head is being signed: {}", why));
        daily.scheduleAtFixedRate(this::logHead, 0, Duration.ofDays(1).toSeconds(), TimeUnit.SECONDS);
        return unclean;
    }

    private void logHead() {
        try {
            ledger.latestSignedHead().ifPresent(head -> log.info(
                    "ledger head (keep a copy away from this server; check with 'vigil ledger verify --head \"LINE\"'): {}",
                    LedgerHeadText.format(head)));
        } catch (RuntimeException e) {
            log.error("could not read the latest signed ledger head: {}", e.getMessage());
        }
    }

    /** The newest entry written before {@code t}, read backwards in windows. */
    private Optional<LedgerEntry> lastEntryBefore(java.time.Instant t) {
        for (long to = ledger.size(); to >= 1; to -= WINDOW) {
            List<LedgerEntry> window = ledger.range(Math.max(1, to - WINDOW + 1), to);
            for (int i = window.size() - 1; i >= 0; i--) {
                if (window.get(i).record().time().isBefore(t)) return Optional.of(window.get(i));
            }
        }
        return Optional.empty();
    }

    /** The newest "vigil.start" or "vigil.stop", read backwards in windows (other commands append between runs). */
    private Optional<LedgerEntry> lastStartOrStop() {
        for (long to = ledger.size(); to >= 1; to -= WINDOW) {
            List<LedgerEntry> window = ledger.range(Math.max(1, to - WINDOW + 1), to);
            for (int i = window.size() - 1; i >= 0; i--) {
                String type = window.get(i).record().type();
                if (type.equals(START) || type.equals(STOP)) {
                    return Optional.of(window.get(i));
                }
            }
        }
        return Optional.empty();
    }

    /** Clean stop: ledgered; the store's close then signs a head over it. */
    @Override
    public void close() {
        daily.shutdownNow();
        ledger.append(LedgerRecord.of(LedgerEventType.VIGIL_STOP, clock.instant(), "vigil", Map.of("clean", "true")));
        logHead();
    }
}

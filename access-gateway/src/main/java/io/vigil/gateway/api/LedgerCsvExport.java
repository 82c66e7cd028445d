package io.vigil.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.audit.LedgerFilter;
import io.vigil.gateway.Principal;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerCsv;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/ledger.csv}: the entries an officer's filter accepts (all when none) in the ledger module's CSV
 * format ({@link LedgerCsv}: one row per entry, then the head signed at export time), the
 * same document {@code vigil ledger export} writes. {@link LedgerCsv#export} writes to a
 * Writer; it runs on its own thread into a pipe that the response drains, so a ledger of
 * millions of entries is streamed, never held in memory. The export is ledgered first.
 */
final class LedgerCsvExport {
    private static final Logger log = LoggerFactory.getLogger(LedgerCsvExport.class);

    private LedgerCsvExport() {}

    static Reply reply(GatewayContext ctx, Exchange ex, LedgerFilter filter) throws IOException {
        Principal p = ex.principal();
        Ledger ledger = ctx.store().ledger();
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("client", ex.clientText());
        details.put("form", "CSV");
        if (!filter.isEmpty()) details.put("filter", describe(filter));
        ledger.append(LedgerRecord.of(LedgerEventType.LEDGER_EXPORT, ctx.clock().instant(), p.username(), details));
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                LedgerCsv.export(ledger, w, filter);
            } catch (IOException e) {
                log.debug("ledger CSV export stopped: {}", e.toString()); // client went away
            } catch (RuntimeException e) {
                log.warn("ledger CSV export failed", e);
            }
        }, "ledger-csv-export");
        writer.setDaemon(true);
        writer.start();
        BodySource body = new BodySource() {
            private final byte[] buf = new byte[1 << 16];

            @Override
            public ByteBuf next(ByteBufAllocator alloc) throws IOException {
                int n = in.read(buf);
                return n < 0 ? null : Unpooled.copiedBuffer(buf, 0, n);
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
        };
        return Reply.stream(HttpResponseStatus.OK, "text/csv; charset=utf-8", body, -1)
                .header("Content-Disposition", "attachment; filename=\"vigil-ledger-" + (filter.isEmpty() ? "" : "search-") + ctx.clock().instant().toString().replace(":", "") + ".csv\"");
    }

    /** The filter as the export's ledger entry records it: only the fields that were set. */
    private static String describe(LedgerFilter f) {
        StringBuilder b = new StringBuilder();
        java.util.function.BiConsumer<String, Object> part = (k, v) -> {
            if (v == null) return;
            if (b.length() > 0) b.append(", ");
            b.append(k).append('=').append(v instanceof java.util.Set<?> s ? String.join(",", new java.util.TreeSet<>(s.stream().map(String::valueOf).toList())) : v);
        };
        part.accept("user", f.user());
        part.accept("camera", f.cameras());
        part.accept("from", f.from());
        part.accept("to", f.to());
        part.accept("footageFrom", f.footageFrom());
        part.accept("footageTo", f.footageTo());
        part.accept("purpose", f.purpose());
        part.accept("action", f.action());
        return b.toString();
    }
}

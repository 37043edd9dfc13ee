package app.fanmail.history.application;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.DispatchReads.RecipientQuery;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.history.domain.CsvCells;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A job's recipients as CSV (UTF-8 with a byte order mark, CRLF, cells defused against formula injection), written
 * while they are read: {@value #CHUNK} rows at a time by seq (keyset, each chunk its own short read), so memory stays
 * flat however large the job is.
 */
@ApplicationScoped
public class RecipientExport {
    /** Rows read per query. */
    public static final int CHUNK = 10_000;
    public static final List<String> COLUMNS = List.of("seq", "openid", "state", "attempts", "sentAt", "msgid", "errcode", "errmsg",
            "reportStatus", "reportedAt", "skipReason");

    @Inject
    DispatchReads reads;

    public RecipientExport() {
    }

    RecipientExport(DispatchReads reads) {
        this.reads = reads;
    }

    /** Writes the header and every recipient of the job in one of {@code states} (all when empty) to {@code out}; returns how many rows. */
    public long write(UUID jobId, Set<RecipientState> states, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(CsvCells.BOM);
        w.write(CsvCells.row(COLUMNS));
        RecipientQuery query = new RecipientQuery(states, null);
        long after = 0;
        long rows = 0;
        while (true) {
            List<DispatchRecipient> chunk = reads.recipients(jobId, query, after, CHUNK);
            for (DispatchRecipient r : chunk) {
                w.write(CsvCells.row(row(r)));
            }
            rows += chunk.size();
            if (chunk.size() < CHUNK) {
                break;
            }
            after = chunk.get(chunk.size() - 1).seq();
            w.flush(); // what was read goes to the client before the next chunk is read
        }
        w.flush();
        return rows;
    }

    static List<String> row(DispatchRecipient r) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(Long.toString(r.seq()));
        cells.add(r.openid());
        cells.add(r.state().name());
        cells.add(Integer.toString(r.attempts()));
        cells.add(text(r.sentAt()));
        cells.add(r.msgid());
        cells.add(r.errcode() == null ? null : r.errcode().toString());
        cells.add(r.errmsg());
        cells.add(r.reportStatus());
        cells.add(text(r.reportedAt()));
        cells.add(r.skipReason());
        return cells;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}

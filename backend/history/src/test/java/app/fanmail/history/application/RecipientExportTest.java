package app.fanmail.history.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.RecipientState;

class RecipientExportTest {
    private static final UUID JOB = UUID.randomUUID();
    private static final Instant SENT = Instant.parse("2026-12-03T08:00:00.5Z");

    /** A job of {@code size} recipients; every 1000th FAILED with errcode -1 and a hostile errmsg, the others DELIVERED. */
    private static final class Job extends FakeReads {
        final long size;
        final ByteArrayOutputStream out;
        final List<Integer> bytesBeforeRead = new ArrayList<>();

        Job(long size, ByteArrayOutputStream out) {
            this.size = size;
            this.out = out;
        }

        @Override
        public List<DispatchRecipient> recipients(UUID jobId, RecipientQuery query, long afterSeq, int limit) {
            assertThat(jobId).isEqualTo(JOB);
            calls.add(afterSeq + ":" + limit + ":" + query.states());
            bytesBeforeRead.add(out.size());
            return LongStream.rangeClosed(afterSeq + 1, Math.min(size, afterSeq + limit)).mapToObj(Job::recipient).toList();
        }

        static DispatchRecipient recipient(long seq) {
            if (seq % 1000 == 0) {
                return new DispatchRecipient(seq, "o" + seq, RecipientState.FAILED, 1, SENT, null, null, -1, "=cmd|' /C calc'!A0", null, null, null);
            }
            return new DispatchRecipient(seq, "o" + seq, RecipientState.DELIVERED, 1, SENT, SENT, "30" + seq, null, null, "success",
                    SENT.plusSeconds(1), null);
        }
    }

    @Test
    void aLargeJobIsReadInChunksOfTenThousandAndWrittenAsItIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Job job = new Job(25_003, out);
        long rows = new RecipientExport(job).write(JOB, EnumSet.noneOf(RecipientState.class), out);

        assertThat(rows).isEqualTo(25_003);
        assertThat(job.calls).containsExactly("0:10000:[]", "10000:10000:[]", "20000:10000:[]");
        // each chunk reached the stream before the next one was read: never the whole job in memory
        assertThat(job.bytesBeforeRead.get(1)).isGreaterThan(job.bytesBeforeRead.get(0));
        assertThat(job.bytesBeforeRead.get(2)).isGreaterThan(job.bytesBeforeRead.get(1));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFseq,openid,state,attempts,sentAt,msgid,errcode,errmsg,reportStatus,reportedAt,skipReason\r\n");
        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(1 + 25_003);
        assertThat(lines[1]).isEqualTo("1,o1,DELIVERED,1,2026-12-03T08:00:00.500Z,301,,,success,2026-12-03T08:00:01.500Z,");
        assertThat(lines[1000]).as("errcode -1 stays a number; the formula in errmsg is defused")
                .isEqualTo("1000,o1000,FAILED,1,,,-1,'=cmd|' /C calc'!A0,,,");
        assertThat(lines[25_003]).startsWith("25003,o25003,");
    }

    @Test
    void aJobOfExactlyOneChunkAsksOnceMoreAndStatesArePassedOn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Job job = new Job(10_000, out);
        Set<RecipientState> states = EnumSet.of(RecipientState.FAILED, RecipientState.SKIPPED);
        assertThat(new RecipientExport(job).write(JOB, states, out)).isEqualTo(10_000);
        assertThat(job.calls).containsExactly("0:10000:[FAILED, SKIPPED]", "10000:10000:[FAILED, SKIPPED]");
    }

    @Test
    void aJobWithoutRecipientsIsJustTheHeader() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new RecipientExport(new Job(0, out)).write(JOB, Set.of(), out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + String.join(",", RecipientExport.COLUMNS) + "\r\n");
        assertThat(out.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
    }
}

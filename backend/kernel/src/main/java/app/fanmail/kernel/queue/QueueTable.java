package app.fanmail.kernel.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a module keeps a work queue: its own table and the columns the {@link WorkQueue} manages. A row is ready
 * when it is neither done nor dead-lettered, not leased (or its lease ran out), its back-off has passed, and (when
 * {@code since} is given) it is older than {@code grace} — time the module's fast path gets before the sweep steps in.
 *
 * @param table          schema-qualified table, e.g. {@code wechat.callback_inbox}
 * @param id             bigint key, also the claim order
 * @param doneAt         timestamptz, set when the work is done
 * @param attempts       integer, failed and successful attempts
 * @param leaseUntil     timestamptz, who claimed a row holds it until then
 * @param notBefore      timestamptz, the back-off: no attempt before then
 * @param deadLetteredAt timestamptz, set when the last allowed attempt failed
 * @param lastError      text, the last failure
 * @param since          timestamptz column the grace counts from, or null for none
 * @param grace          how old a row must be before a claim takes it (ignored without {@code since})
 */
public record QueueTable(String table, String id, String doneAt, String attempts, String leaseUntil, String notBefore,
                         String deadLetteredAt, String lastError, String since, Duration grace) {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    public QueueTable {
        for (String name : new String[] {table, id, doneAt, attempts, leaseUntil, notBefore, deadLetteredAt, lastError}) {
            requireName(name);
        }
        if (since != null) {
            requireName(since);
            Objects.requireNonNull(grace, "grace");
        }
    }

    private static void requireName(String name) { // names go into SQL text: only plain identifiers
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }
}

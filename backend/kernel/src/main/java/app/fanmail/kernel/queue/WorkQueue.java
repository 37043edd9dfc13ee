package app.fanmail.kernel.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.EntityManager;

/**
 * A PostgreSQL work queue over a module's own table ({@link QueueTable}): several nodes claim ready rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease (a node that dies loses its rows when the lease runs out), count
 * attempts, back off exponentially after a failure and dead-letter a row after its last allowed attempt. The module
 * runs each call in a transaction of its own persistence unit and keeps the work itself: claim (short transaction),
 * do the work and {@link #complete} in the work's transaction (locking the rows with {@link #lockClause} so two
 * workers never do the same row), {@link #fail} in a new transaction when the work threw.
 */
public final class WorkQueue {
    private final QueueTable t;
    private final Backoff backoff;
    private final Duration lease;

    public WorkQueue(QueueTable table, Backoff backoff, Duration lease) {
        this.t = Objects.requireNonNull(table, "table");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the lease must be positive");
        }
    }

    public Backoff backoff() {
        return backoff;
    }

    /** The condition of a ready row at {@code ?1} (the current instant), without the leading {@code where}. */
    String readyCondition() {
        return t.doneAt() + " is null and " + t.deadLetteredAt() + " is null and (" + t.leaseUntil() + " is null or "
                + t.leaseUntil() + " <= cast(?1 as timestamptz)) and (" + t.notBefore() + " is null or " + t.notBefore()
                + " <= cast(?1 as timestamptz))"
                + (t.since() == null ? "" : " and " + t.since() + " <= cast(?1 as timestamptz) - make_interval(secs => " + seconds(t.grace()) + ")");
    }

    String claimSql(int limit) {
        return "update " + t.table() + " set " + t.leaseUntil() + " = cast(?2 as timestamptz) where " + t.id() + " in (select " + t.id()
                + " from " + t.table() + " where " + readyCondition() + " order by " + t.id() + " limit " + limit
                + " for update skip locked) returning " + t.id();
    }

    /**
     * Claims up to {@code limit} ready rows, oldest first, for the lease; rows another node holds are skipped, not
     * waited for. Commit right after (the claim is the lease, not the row lock).
     */
    @SuppressWarnings("unchecked")
    public List<Long> claim(EntityManager em, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Number> ids = em.createNativeQuery(claimSql(limit)).setParameter(1, now).setParameter(2, now.plus(lease)).getResultList();
        return ids.stream().map(Number::longValue).sorted().toList();
    }

    /**
     * The locking select of up to {@code limit} ready rows whose {@code column} equals {@code ?3}, for a module's own
     * claim statement (which sets the lease, {@code ?2}, with its own columns in one update). {@code FROM_CURSOR}: ids
     * above {@code ?4} in id order — each claim starts where the node's last one ended, so its cost does not grow with
     * the rows already done whatever plan the statistics lead to; {@code BEFORE_CURSOR}: any ready ids below {@code ?4}
     * (retries come due, leases run out), unordered so the planner reads the ready rows' index instead of the table in
     * id order. Rows another node holds are skipped, not waited for. Give the table an index on (column, id) for its
     * rows not done.
     */
    public String readySelect(String selected, String column, int limit, Cursor cursor) {
        if (column == null || !column.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + column);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return "select " + selected + " from " + t.table() + " where " + column + " = ?3 and " + readyCondition() + " and " + t.id()
                + (cursor == Cursor.FROM_CURSOR ? " > ?4 order by " + t.id() : " < ?4") + " limit " + limit + " for update skip locked";
    }

    /** Where {@link #readySelect} looks for ready rows relative to the caller's cursor id. */
    public enum Cursor { FROM_CURSOR, BEFORE_CURSOR }

    /** When a lease claimed at {@code now} runs out. */
    public Instant leaseEnd(Instant now) {
        return now.plus(lease);
    }

    /**
     * Appended to the module's {@code select … where id = any(…)} in the work transaction: only rows still to do, and
     * never one another worker is doing right now.
     */
    public String lockClause() {
        return " and " + t.doneAt() + " is null and " + t.deadLetteredAt() + " is null order by " + t.id() + " for update skip locked";
    }

    /** Marks rows done in the work's transaction (one statement); rows already done are left as they are. */
    public int complete(EntityManager em, Collection<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("update " + t.table() + " set " + t.doneAt() + " = cast(?1 as timestamptz), " + t.attempts() + " = "
                        + t.attempts() + " + 1, " + t.leaseUntil() + " = null where " + t.id() + " = any(?2) and " + t.doneAt() + " is null")
                .setParameter(1, now).setParameter(2, ids.toArray(Long[]::new)).executeUpdate();
    }

    /**
     * One failed attempt (call in a transaction of its own, after the work's transaction rolled back): counts it,
     * keeps the error, releases the lease and backs off, or dead-letters the row after the last allowed attempt.
     * Returns true when the row was dead-lettered.
     */
    @SuppressWarnings("unchecked")
    public boolean fail(EntityManager em, long id, String error, Instant now) {
        List<Number> attempts = em.createNativeQuery("select " + t.attempts() + " from " + t.table() + " where " + t.id() + " = ?1 and "
                + t.doneAt() + " is null and " + t.deadLetteredAt() + " is null for update").setParameter(1, id).getResultList();
        if (attempts.isEmpty()) {
            return false;
        }
        int failed = attempts.get(0).intValue() + 1;
        boolean dead = backoff.exhausted(failed);
        em.createNativeQuery("update " + t.table() + " set " + t.attempts() + " = ?2, " + t.lastError() + " = ?3, " + t.leaseUntil()
                        + " = null, " + t.notBefore() + " = cast(?4 as timestamptz), " + t.deadLetteredAt() + " = case when ?5 then cast(?6 as timestamptz) end where "
                        + t.id() + " = ?1")
                .setParameter(1, id).setParameter(2, failed).setParameter(3, error)
                .setParameter(4, now.plus(backoff.after(failed))).setParameter(5, dead).setParameter(6, now)
                .executeUpdate();
        return dead;
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).toPlainString();
    }
}

package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live job lists on this node, per account with subscribers: every state change of one of the account's jobs (told by
 * the cluster channel from any node: {@link #changed}) is read at the next {@link #tick} and sent with the job's
 * counts; and every {@code scanInterval} the account's unfinished jobs (QUEUED, SENDING, PAUSED) are read in one query
 * and those whose state or counts changed since last sent are sent (coalesced count updates). Items carry no rate
 * (0) and no ETA. Plain Java: the caller supplies the ticks.
 */
public final class JobChangeFeed {
    /** The key of subscribers to every account. */
    static final UUID ALL = new UUID(0, 0);
    private static final Logger LOG = Logger.getLogger(JobChangeFeed.class.getName());

    private final ProgressSource source;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long scanNanos;
    private final Map<UUID, List<Consumer<JobProgress>>> accounts = new ConcurrentHashMap<>();
    /** Jobs told changed since the last tick, with their account. */
    private final Map<UUID, UUID> changed = new ConcurrentHashMap<>();
    /** What was last sent per job (only the poller thread touches it). */
    private final Map<UUID, JobProgress> sent = new ConcurrentHashMap<>();
    private long lastScan = Long.MIN_VALUE;

    public JobChangeFeed(ProgressSource source, Clock clock, LongSupplier nanoTime, Duration scanInterval) {
        this.source = source;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.scanNanos = scanInterval.toNanos();
    }

    /** Subscribes to the account's job changes (every account's: null); run the returned action to cancel. */
    public Runnable subscribe(UUID account, Consumer<JobProgress> listener) {
        UUID accountId = account == null ? ALL : account;
        accounts.compute(accountId, (k, list) -> {
            List<Consumer<JobProgress>> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(listener);
            return l;
        });
        return () -> accounts.computeIfPresent(accountId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** A job of the account changed state (any node). */
    public void changed(UUID accountId, UUID jobId) {
        if (accounts.containsKey(accountId) || accounts.containsKey(ALL)) {
            changed.put(jobId, accountId);
        }
    }

    public void tick() {
        if (accounts.isEmpty()) {
            changed.clear();
            sent.clear();
            return;
        }
        for (UUID jobId : Set.copyOf(changed.keySet())) {
            UUID account = changed.remove(jobId);
            try {
                source.read(jobId).ifPresent(this::send);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not read dispatch job " + jobId + " for the live job list", e);
                changed.putIfAbsent(jobId, account); // next tick
            }
        }
        long now = nanoTime.getAsLong();
        if (lastScan != Long.MIN_VALUE && now - lastScan < scanNanos) {
            return;
        }
        lastScan = now;
        List<ProgressReading> unfinished;
        try {
            unfinished = source.unfinished(accounts.containsKey(ALL) ? null : Set.copyOf(accounts.keySet()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not read the unfinished dispatch jobs for the live job lists", e);
            return;
        }
        Set<UUID> seen = new HashSet<>();
        for (ProgressReading r : unfinished) {
            seen.add(r.jobId());
            JobProgress last = sent.get(r.jobId());
            if (last == null || !last.sameAs(r)) {
                send(r);
            }
        }
        sent.keySet().retainAll(seen); // ended jobs were sent by their state change
    }

    private void send(ProgressReading r) {
        JobProgress p = JobProgress.of(r, 0, null, clock.instant());
        sent.put(r.jobId(), p);
        for (UUID key : new UUID[] {r.accountId(), ALL}) {
            List<Consumer<JobProgress>> listeners = accounts.get(key);
            if (listeners != null) {
                for (Consumer<JobProgress> l : listeners) {
                    l.accept(p);
                }
            }
        }
    }

    /** Accounts with subscribers on this node. */
    public int accounts() {
        return accounts.size();
    }

    Optional<JobProgress> lastSent(UUID jobId) {
        return Optional.ofNullable(sent.get(jobId));
    }
}

package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.domain.ProgressRate;

/**
 * Coalesced job progress on this node: one watch per job that has subscribers, however many (reference counted: the
 * last cancelled subscription drops it). Each {@link #tick} reads every due watch once from stored state — a running
 * (QUEUED/SENDING) job every {@code runningInterval}, any other every {@code idleInterval} — and hands the result to
 * all its subscribers when the state or counts changed, or at least every {@code heartbeat}. A new subscriber gets the
 * last progress at once (a new watch is due at once). When the job has ended (COMPLETED, CANCELLED, FAILED) or is gone,
 * subscribers get the final progress and then the end. Plain Java: the caller supplies the ticks, the clocks and the
 * source (no threads here).
 */
public final class ProgressWatches {
    private static final Logger LOG = Logger.getLogger(ProgressWatches.class.getName());

    /** Receives a watch's progress on the polling thread; must return at once. */
    public interface Listener {
        void item(JobProgress progress);

        /** The job ended (its final progress came before) or does not exist (nothing came before). */
        void ended();
    }

    /** A subscription: cancel releases it (and the watch with the last one). */
    public interface Handle {
        void cancel();

        /** Whether this subscription started the watch (it is due at once: poll it without waiting for the next tick). */
        boolean started();
    }

    private final ProgressSource source;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long runningNanos;
    private final long idleNanos;
    private final long heartbeatNanos;
    private final Duration rateWindow;
    private final Map<UUID, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    public ProgressWatches(ProgressSource source, Clock clock, LongSupplier nanoTime, Duration runningInterval, Duration idleInterval,
                           Duration heartbeat, Duration rateWindow) {
        this.source = source;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.runningNanos = runningInterval.toNanos();
        this.idleNanos = Math.max(runningNanos, idleInterval.toNanos());
        this.heartbeatNanos = heartbeat.toNanos();
        this.rateWindow = rateWindow;
    }

    private final class Watch {
        final UUID jobId;
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        final ProgressRate rate = new ProgressRate(rateWindow);
        final AtomicBoolean polling = new AtomicBoolean();
        volatile JobProgress last;
        volatile boolean due = true;
        volatile long lastRead;
        long lastEmit;
        boolean closed;

        Watch(UUID jobId) {
            this.jobId = jobId;
        }

        boolean isDue(long now) {
            if (due) {
                return true;
            }
            JobProgress p = last;
            boolean running = p != null && (p.state() == JobState.SENDING || p.state() == JobState.QUEUED);
            return now - lastRead >= (running ? runningNanos : idleNanos);
        }
    }

    public Handle subscribe(UUID jobId, Listener listener) {
        while (true) {
            boolean[] created = {false};
            Watch w = watches.computeIfAbsent(jobId, id -> {
                created[0] = true;
                return new Watch(id);
            });
            synchronized (w) {
                if (w.closed) {
                    watches.remove(jobId, w);
                    continue; // ended or released meanwhile: take a fresh one
                }
                w.listeners.add(listener);
                if (w.last != null) {
                    listener.item(w.last); // at once, in order with what the poller sends next
                }
            }
            boolean started = created[0];
            return new Handle() {
                @Override
                public void cancel() {
                    release(w, listener);
                }

                @Override
                public boolean started() {
                    return started;
                }
            };
        }
    }

    private void release(Watch w, Listener listener) {
        synchronized (w) {
            if (!w.listeners.remove(listener) || !w.listeners.isEmpty() || w.closed) {
                return;
            }
            w.closed = true;
        }
        watches.remove(w.jobId, w);
    }

    /** The job changed state (told by the cluster channel): read it at the next tick, whatever its interval. */
    public void poke(UUID jobId) {
        Watch w = watches.get(jobId);
        if (w != null) {
            w.due = true;
        }
    }

    /** Reads every due watch once. */
    public void tick() {
        for (Watch w : watches.values()) {
            if (w.isDue(nanoTime.getAsLong())) {
                poll(w);
            }
        }
    }

    /** Reads the job's watch now if it is due (a new watch is). */
    public void pollIfDue(UUID jobId) {
        Watch w = watches.get(jobId);
        if (w != null && w.isDue(nanoTime.getAsLong())) {
            poll(w);
        }
    }

    private void poll(Watch w) {
        if (!w.polling.compareAndSet(false, true)) {
            return; // one read per watch at a time
        }
        try {
            long now = nanoTime.getAsLong();
            Optional<ProgressReading> read;
            try {
                reads.incrementAndGet();
                read = source.read(w.jobId);
            } catch (RuntimeException e) {
                w.lastRead = now;
                w.due = false;
                LOG.log(Level.FINE, "Could not read the progress of job " + w.jobId + "; the next tick tries again", e);
                return;
            }
            synchronized (w) {
                w.lastRead = now;
                w.due = false;
                if (w.closed) {
                    return;
                }
                if (read.isEmpty()) {
                    end(w);
                    return;
                }
                ProgressReading r = read.get();
                w.rate.add(now, r.done());
                boolean ended = r.state().ended();
                double rate = ended ? 0 : w.rate.perSecond();
                long remaining = r.counts().get(RecipientState.QUEUED) + r.counts().get(RecipientState.SENDING);
                Integer eta = ProgressRate.etaSeconds(r.state() == JobState.SENDING, remaining, rate);
                if (w.last == null || !w.last.sameAs(r) || now - w.lastEmit >= heartbeatNanos || ended) {
                    JobProgress p = JobProgress.of(r, rate, eta, clock.instant());
                    w.last = p;
                    w.lastEmit = now;
                    for (Listener l : w.listeners) {
                        l.item(p);
                    }
                }
                if (ended) {
                    end(w);
                }
            }
        } finally {
            w.polling.set(false);
        }
    }

    /** Under the watch's lock. */
    private void end(Watch w) {
        w.closed = true;
        for (Listener l : w.listeners) {
            l.ended();
        }
        w.listeners.clear();
        watches.remove(w.jobId, w);
    }

    /** Jobs watched on this node now (each polled by one reader, whatever its number of subscribers). */
    public int watched() {
        return watches.size();
    }

    /** Subscribers of one job on this node. */
    public int subscribers(UUID jobId) {
        Watch w = watches.get(jobId);
        return w == null ? 0 : w.listeners.size();
    }

    /** Progress reads so far on this node. */
    public long reads() {
        return reads.get();
    }
}

package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.audiences.domain.FanSyncPhase;
import app.fanmail.audiences.domain.FanSyncStatus;
import app.fanmail.audiences.domain.MemberCursor;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works on fan sync runs, one step at a time on the background executor: a step fetches one page from WeChat (or,
 * for details, fires several batchget calls; no thread is held while WeChat answers) and writes it with the run's
 * new cursor in one short transaction, then hands the next step back to the executor, so a run never holds a thread
 * for long and other background work interleaves. Follower and tag member pages go through a {@link PagePump}: fetched
 * ahead, written {@code page-writers} (2) at a time, each in its own transaction, the cursor moved past them in order.
 * A step writes only while its run is RUNNING and leased by this
 * node; a cancelled run or one another node took over simply stops here. Every write renews the lease; a run whose
 * lease ran out (its node died) is claimed by any node's periodic claim and continues from its stored cursor.
 * Transient WeChat failures are retried a few times with back-off; then, or on any other failure, the run FAILED
 * with its cursor kept (a new start of a full sync resumes it).
 */
@ManagedScheduledExecutorDefinition(name = FanSyncRunner.SCHEDULER, maxAsync = 1, hungTaskThreshold = 600_000)
@ApplicationScoped
public class FanSyncRunner {
    static final String SCHEDULER = "java:app/concurrent/FanmailAudiencesScheduler";
    private static final Logger LOG = Logger.getLogger(FanSyncRunner.class.getName());
    /** Fans whose staged tags and silent unfollows are applied per transaction. */
    static final int APPLY_CHUNK = 20_000;
    static final int DETAILS_PER_CALL = 100;
    /** Fans of details enrichment written per statement at least (fewer only at the end). */
    static final int DETAILS_WRITE = 800;
    static final int MAX_RETRIES = 5;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    @Inject
    FanSyncStore store;
    @Inject
    FanSource source;
    @Inject
    Clock clock;
    @Inject
    Event<FanSyncProgressed> progress;
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Resource(lookup = SCHEDULER)
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "fanmail.audiences.details-in-flight", defaultValue = "8")
    int detailsInFlight;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.sync-page-writers", defaultValue = "2")
    int pageWriters;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.sync-lease", defaultValue = "PT1M")
    Duration lease;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.sync-claim-interval", defaultValue = "PT15S")
    Duration claimInterval;

    /** This node; each start or claim leases its runs under a token of its own (node:random). */
    private final String node = "node-" + UUID.randomUUID();
    private final Map<Long, Long> lastProgress = new ConcurrentHashMap<>();
    private final Map<Long, Integer> retries = new ConcurrentHashMap<>();
    private ScheduledFuture<?> claims;

    /**
     * A lease under a fresh token: work on a run continues only under the token it was started or claimed with, so a
     * chain of steps cut off (its lease ran out and the run was claimed again, even by this node) writes nothing more.
     */
    public FanSyncStore.Lease newLease() {
        return lease(node + ":" + UUID.randomUUID().toString().substring(0, 8));
    }

    FanSyncStore.Lease lease(String owner) {
        var now = clock.instant();
        return new FanSyncStore.Lease(owner, now, now.plus(lease));
    }

    void start(@Observes @Priority(600) Startup startup) {
        long every = Math.max(100, claimInterval.toMillis());
        claims = scheduler.scheduleWithFixedDelay(() -> executor.execute(this::claimSafely), every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (claims != null) {
            claims.cancel(false);
        }
    }

    /** A run was started or resumed on this node (after its transaction committed). */
    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) FanSyncProgressed event) {
        if (event.started() && event.run().status() == FanSyncStatus.RUNNING) {
            next(event.run(), event.leaseOwner());
        }
    }

    /** Takes over runs whose lease ran out and continues them here. */
    public int claimExpired() {
        FanSyncStore.Lease claim = newLease();
        List<FanSyncRun> taken = store.claimExpired(claim, 10);
        for (FanSyncRun run : taken) {
            LOG.info(() -> "Continuing fan sync run " + run.id() + " (" + run.kind() + ", " + run.phase() + ") after its lease ran out");
            next(run, claim.owner());
        }
        return taken.size();
    }

    private void claimSafely() {
        try {
            claimExpired();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Claiming fan sync runs failed; the next claim tries again", e);
        }
    }

    private void next(FanSyncRun run, String owner) {
        executor.execute(() -> step(run, owner));
    }

    private void step(FanSyncRun run, String owner) {
        try {
            switch (run.phase()) {
                case FOLLOWERS -> followers(run, owner);
                case TAGS -> then(run, owner, source.tags(run.accountId()), tags -> after(run, owner, store.writeTags(run.id(), lease(owner), tags)));
                case MEMBERS -> members(run, owner);
                case APPLY -> after(run, owner, store.applyChunk(run.id(), lease(owner), APPLY_CHUNK));
                case DETAILS -> details(run, owner);
            }
        } catch (RuntimeException e) {
            failed(run, owner, e);
        }
    }

    /**
     * When WeChat's answer arrives (on the client's threads), continues on the background executor with it; a failure
     * fails the step (retried or recorded). No thread waits for WeChat meanwhile.
     */
    private <T> void then(FanSyncRun run, String owner, CompletionStage<T> answer, Consumer<T> next) {
        answer.whenComplete((value, error) -> executor.execute(() -> {
            if (error != null) {
                failed(run, owner, error);
                return;
            }
            try {
                next.accept(value);
            } catch (RuntimeException e) {
                failed(run, owner, e);
            }
        }));
    }

    /** Starts (or, after a retry or a claim, restarts from the stored cursor) the run's user/get pages on this node. */
    private void followers(FanSyncRun run, String owner) {
        new PagePump(run, owner, FanSyncPhase.FOLLOWERS, run.cursor() == null ? "" : run.cursor(),
                cursor -> source.followers(run.accountId(), cursor.isEmpty() ? null : cursor).thenApply(page -> new Fetched(page, page.next())),
                page -> store.insertFollowers(run.id(), lease(owner), page.page()),
                (from, to, written, total) -> store.advanceFollowers(run.id(), lease(owner), from, to, written, total)).pump();
    }

    /** As {@link #followers} for the user/tag/get pages of every tag, one tag after the other. */
    private void members(FanSyncRun run, String owner) {
        List<Integer> tagIds = store.tagIds(run.accountId());
        new PagePump(run, owner, FanSyncPhase.MEMBERS, MemberCursor.parse(run.cursor()).stored(), cursor -> {
            MemberCursor at = MemberCursor.parse(cursor);
            return source.tagMembers(run.accountId(), at.tagId(), at.nextOpenid().isEmpty() ? null : at.nextOpenid()).thenApply(page -> {
                MemberCursor next = page.next() != null ? new MemberCursor(at.tagId(), page.next()) : MemberCursor.firstAfter(tagIds, at.tagId());
                return new Fetched(page, next == null ? null : next.stored());
            });
        }, page -> store.insertMembers(run.id(), lease(owner), MemberCursor.parse(page.from()).tagId(), page.page().openids()),
                (from, to, written, total) -> store.advanceMembers(run.id(), lease(owner), from, to)).pump();
    }

    /** A page as fetched: the page and the cursor of the one after it (null after the last). */
    private record Fetched(FanSource.Page page, String next) {
    }

    /** A page being written: where it starts (the run's cursor before it) and what WeChat listed there. */
    private record Slot(String from, FanSource.Page page, String next) {
    }

    private interface PageFetch {
        CompletionStage<Fetched> fetch(String cursor);
    }

    private interface PageWrite {
        boolean write(Slot page);
    }

    private interface Advance {
        Optional<FanSyncRun> advance(String from, String to, long written, Long total);
    }

    /**
     * The pages of one phase on this node (user/get, or user/tag/get across tags). WeChat's pages come one after
     * the other (each gives the next one's cursor), so fetching is a chain that runs ahead of the writes by at most
     * {@code page-writers} + 1 pages; up to {@code page-writers} pages are written at once, each in its own transaction
     * (the database writes them on as many cores), and a writer takes the next fetched page as soon as it is free, so
     * neither WeChat nor the database waits for the other. The run's cursor moves past every page at the head of the
     * order that is written (one short transaction, while the writers go on); the phase ends when the cursor moves
     * past the last. No thread waits for WeChat. A failed fetch lets the pages fetched before it be written and passed, then
     * stops the pump; any other failure stops it at once (either is retried from the stored cursor, or recorded);
     * a write or a move that finds the run no longer ours (cancelled, taken over) stops it silently.
     */
    private final class PagePump {
        private final String owner;
        private final FanSyncPhase phase;
        private final PageFetch fetch;
        private final PageWrite write;
        private final Advance advance;
        /** Pages fetched, in order, not yet passed by the cursor; each written or not. */
        private final java.util.ArrayDeque<Slot> pages = new java.util.ArrayDeque<>();
        private final java.util.Set<Slot> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private final java.util.ArrayDeque<Slot> unwritten = new java.util.ArrayDeque<>();
        private FanSyncRun run;
        /** Where the next fetch starts; null once the last page was fetched. */
        private String fetchFrom;
        private boolean fetching;
        /** Why fetching stopped: the run fails with it once the pages fetched before are written and passed. */
        private Throwable fetchFailure;
        private boolean advancing;
        private int writing;
        private boolean stopped;

        PagePump(FanSyncRun run, String owner, FanSyncPhase phase, String from, PageFetch fetch, PageWrite write, Advance advance) {
            this.run = run;
            this.owner = owner;
            this.phase = phase;
            this.fetchFrom = from;
            this.fetch = fetch;
            this.write = write;
            this.advance = advance;
        }

        /** Starts what can start now: the next fetch, free writers, a move of the cursor. */
        void pump() {
            String from = null;
            Throwable failure = null;
            List<Slot> toWrite = new ArrayList<>();
            List<Slot> toAdvance = new ArrayList<>();
            synchronized (this) {
                if (stopped) {
                    return;
                }
                if (!fetching && fetchFrom != null && pages.size() < Math.max(1, pageWriters) + 1) {
                    fetching = true;
                    from = fetchFrom;
                }
                while (writing < Math.max(1, pageWriters) && !unwritten.isEmpty()) {
                    writing++;
                    toWrite.add(unwritten.poll());
                }
                if (!advancing) {
                    for (Slot page : pages) {
                        if (!written.contains(page)) {
                            break;
                        }
                        toAdvance.add(page);
                    }
                    advancing = !toAdvance.isEmpty();
                }
                if (fetchFailure != null && !advancing && writing == 0 && unwritten.isEmpty()) {
                    failure = fetchFailure;
                }
            }
            if (failure != null) {
                stop(failure);
                return;
            }
            if (from != null) {
                String cursor = from;
                CompletionStage<Fetched> answer;
                try {
                    answer = fetch.fetch(cursor);
                } catch (RuntimeException e) {
                    stop(e);
                    return;
                }
                answer.whenComplete((page, error) -> executor.execute(() -> fetched(cursor, page, error)));
            }
            for (Slot page : toWrite) {
                executor.execute(() -> write(page));
            }
            if (!toAdvance.isEmpty()) {
                executor.execute(() -> advance(toAdvance));
            }
        }

        private void fetched(String from, Fetched page, Throwable error) {
            synchronized (this) {
                fetching = false;
                if (error != null) { // what was fetched before is still written and passed first
                    fetchFailure = error;
                    fetchFrom = null;
                }
            }
            if (error != null) {
                pump();
                return;
            }
            synchronized (this) {
                fetchFrom = page.next();
                Slot slot = new Slot(from, page.page(), page.next());
                pages.add(slot);
                unwritten.add(slot);
            }
            pump();
        }

        private void write(Slot page) {
            boolean ours;
            try {
                ours = write.write(page);
            } catch (RuntimeException e) {
                stop(e);
                return;
            }
            synchronized (this) {
                writing--;
                if (!ours) {
                    stopped = true;
                } else {
                    written.add(page);
                }
            }
            if (!ours) {
                after(run, owner, Optional.empty()); // cancelled or taken over: nothing more here
                return;
            }
            pump();
        }

        private void advance(List<Slot> done) {
            Slot last = done.get(done.size() - 1);
            long fans = done.stream().mapToLong(p -> p.page().openids().size()).sum();
            Optional<FanSyncRun> moved;
            try {
                moved = advance.advance(done.get(0).from(), last.next(), fans, phase == FanSyncPhase.FOLLOWERS ? last.page().total() : null);
            } catch (RuntimeException e) {
                stop(e);
                return;
            }
            boolean goOn = moved.isPresent() && moved.get().status() == FanSyncStatus.RUNNING && moved.get().phase() == phase;
            FanSyncRun before;
            synchronized (this) {
                advancing = false;
                done.forEach(p -> {
                    pages.poll(); // the pages done are the head of the order
                    written.remove(p);
                });
                stopped = stopped || !goOn;
                before = run;
                moved.ifPresent(r -> run = r);
            }
            if (!goOn) {
                after(before, owner, moved); // the phase's last page (the next phase starts), or no longer ours
                return;
            }
            retries.remove(run.id());
            publish(moved.get(), false);
            pump();
        }

        private void stop(Throwable e) {
            FanSyncRun at;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
                at = run;
            }
            failed(at, owner, e); // a retry starts again from the cursor stored last
        }
    }

    /** Starts (or, after a retry or a claim, restarts from the stored cursor) the run's details enrichment on this node. */
    private void details(FanSyncRun run, String owner) {
        new DetailsPump(run, owner).fill();
    }

    /**
     * A details enrichment on this node. It keeps {@code details-in-flight} batchget calls (100 fans each) going at all
     * times — a call that answers is replaced at once, so no call waits for the slowest of a round — and writes the
     * answers in the order the fans were asked, at least {@link #DETAILS_WRITE} fans per statement, with the run's cursor
     * (the last fan written: every fan up to it was asked and written). One write at a time; answers that arrive meanwhile
     * wait for the next. A failed call stops it (retried from the stored cursor, or recorded); a write that finds the run
     * no longer ours (cancelled, taken over) stops it, and answers still on their way are dropped.
     */
    private final class DetailsPump {
        private final FanSyncRun run;
        private final String owner;
        private final java.util.ArrayDeque<String> unasked = new java.util.ArrayDeque<>();
        private final java.util.TreeMap<Long, Call> calls = new java.util.TreeMap<>();
        private String listedUpTo;
        private boolean listedAll;
        private long nextCall;
        private int inFlight;
        private boolean writing;
        private boolean stopped;

        private final class Call {
            final List<String> openids;
            List<FanSource.Details> answer;

            Call(List<String> openids) {
                this.openids = openids;
            }
        }

        DetailsPump(FanSyncRun run, String owner) {
            this.run = run;
            this.owner = owner;
            this.listedUpTo = run.cursor();
        }

        /** Asks WeChat for more fans until {@code details-in-flight} calls are out or nobody is left. */
        void fill() {
            try {
                synchronized (this) {
                    while (!stopped && inFlight < Math.max(1, detailsInFlight)) {
                        if (unasked.size() < DETAILS_PER_CALL && !listedAll) {
                            int batch = Math.max(1, detailsInFlight) * DETAILS_PER_CALL * 2;
                            List<String> more = store.pendingDetails(run.accountId(), listedUpTo, batch);
                            unasked.addAll(more);
                            listedAll = more.size() < batch;
                            if (!more.isEmpty()) {
                                listedUpTo = more.get(more.size() - 1);
                            }
                        }
                        if (unasked.isEmpty()) {
                            break;
                        }
                        List<String> openids = new ArrayList<>(DETAILS_PER_CALL);
                        while (openids.size() < DETAILS_PER_CALL && !unasked.isEmpty()) {
                            openids.add(unasked.poll());
                        }
                        long number = nextCall++;
                        calls.put(number, new Call(openids));
                        inFlight++;
                        source.details(run.accountId(), openids).whenComplete((answer, error) -> executor.execute(() -> answered(number, answer, error)));
                    }
                }
                write();
            } catch (RuntimeException e) {
                stop(e);
            }
        }

        private void answered(long number, List<FanSource.Details> answer, Throwable error) {
            synchronized (this) {
                inFlight--;
                if (stopped) {
                    return;
                }
                if (error != null) {
                    stopped = true;
                } else {
                    calls.get(number).answer = answer;
                }
            }
            if (error != null) {
                failed(run, owner, error);
                return;
            }
            fill();
        }

        /** Writes the answered calls at the head of the order once there are enough of them, or they are the last. */
        private void write() {
            List<FanSource.Details> batch = new ArrayList<>();
            String last = null;
            boolean finished;
            synchronized (this) {
                if (writing || stopped) {
                    return;
                }
                int fans = 0;
                List<Long> ready = new ArrayList<>();
                for (Map.Entry<Long, Call> c : calls.entrySet()) {
                    if (c.getValue().answer == null) {
                        break;
                    }
                    ready.add(c.getKey());
                    fans += c.getValue().openids.size();
                }
                finished = listedAll && unasked.isEmpty() && ready.size() == calls.size();
                if (!finished && fans < DETAILS_WRITE) {
                    return;
                }
                for (Long n : ready) {
                    Call c = calls.remove(n);
                    batch.addAll(c.answer);
                    last = c.openids.get(c.openids.size() - 1);
                }
                writing = true;
            }
            Optional<FanSyncRun> written;
            try {
                written = store.writeDetails(run.id(), lease(owner), batch, last == null ? run.cursor() : last, finished);
            } catch (RuntimeException e) {
                stop(e);
                return;
            }
            boolean goOn = !finished && written.isPresent() && written.get().status() == FanSyncStatus.RUNNING;
            synchronized (this) {
                writing = false;
                stopped = stopped || !goOn;
            }
            if (!goOn) {
                after(run, owner, written); // finished, cancelled or no longer ours: publishes and forgets, no next step
                return;
            }
            retries.remove(run.id());
            publish(written.get(), false);
            write(); // answers that arrived during this write
        }

        private void stop(Throwable e) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
            }
            failed(run, owner, e);
        }
    }

    /** A step committed (or found the run no longer ours): publish, then go on while it runs. */
    private void after(FanSyncRun before, String owner, Optional<FanSyncRun> written) {
        if (written.isEmpty()) {
            forget(before.id());
            return; // cancelled, deleted, or taken over by another node
        }
        retries.remove(before.id());
        FanSyncRun run = written.get();
        publish(run, before.phase() != run.phase());
        if (run.status() == FanSyncStatus.RUNNING) {
            next(run, owner);
        } else {
            forget(run.id());
        }
    }

    private void failed(FanSyncRun run, String owner, Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof FanSourceException f && f.retryable()) {
            int attempt = retries.merge(run.id(), 1, Integer::sum);
            if (attempt <= MAX_RETRIES) {
                long delay = Math.min(30_000, 500L << (attempt - 1));
                LOG.info(() -> "Fan sync run " + run.id() + ": " + f.getMessage() + "; retry " + attempt + " in " + delay + " ms");
                scheduler.schedule(() -> next(run, owner), delay, TimeUnit.MILLISECONDS);
                return;
            }
        }
        String code = e instanceof FanSourceException f ? f.code() : "INTERNAL_ERROR";
        String message = e instanceof FanSourceException ? e.getMessage() : "Fanmail failed to store the sync's progress; start it again to resume";
        if (!(e instanceof FanSourceException)) {
            LOG.log(Level.WARNING, "Fan sync run " + run.id() + " failed", e);
        }
        forget(run.id());
        try {
            store.fail(run.id(), owner, code, message, clock.instant()).ifPresent(r -> publish(r, true));
        } catch (RuntimeException again) {
            LOG.log(Level.WARNING, "Could not record the failure of fan sync run " + run.id() + "; its lease runs out and another claim continues it",
                    again);
        }
    }

    private void forget(long id) {
        retries.remove(id);
        lastProgress.remove(id);
    }

    private void publish(FanSyncRun run, boolean always) {
        long now = System.nanoTime();
        Long last = lastProgress.get(run.id());
        if (always || run.status() != FanSyncStatus.RUNNING || last == null || now - last >= PROGRESS_EVERY_NANOS) {
            if (run.status() == FanSyncStatus.RUNNING) {
                lastProgress.put(run.id(), now);
            }
            progress.fire(new FanSyncProgressed(run, null));
        }
    }

    /** For the phase of a run, whether it may be resumed from its cursor (a full sync's pages). */
    static boolean resumable(FanSyncRun run) {
        return run.status() == FanSyncStatus.FAILED && run.phase() != FanSyncPhase.DETAILS;
    }
}

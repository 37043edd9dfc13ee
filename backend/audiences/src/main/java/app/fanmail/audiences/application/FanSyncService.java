package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.audiences.domain.FanSyncKind;
import app.fanmail.audiences.domain.FanSyncStatus;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Starts, resumes, cancels and lists fan sync runs; the work itself is {@link FanSyncRunner}'s, kicked off after the
 * start committed. A full sync that FAILED within the last day is resumed where it stopped (same run, its pages
 * not fetched again); an older one, or a cancelled one, is started afresh.
 */
@ApplicationScoped
public class FanSyncService {
    /** A failed full sync younger than this is resumed by a new start. */
    static final Duration RESUME_WITHIN = Duration.ofDays(1);

    @Inject
    FanSyncStore store;
    @Inject
    AccountDirectory accounts;
    @Inject
    FanSyncRunner runner;
    @Inject
    Clock clock;
    @Inject
    Event<FanSyncProgressed> progress;

    /** The latest run of each kind. */
    @Transactional
    public List<FanSyncRun> latest(UUID accountId) {
        return store.latest(accountId);
    }

    @Transactional
    public Optional<FanSyncRun> find(long id) {
        return store.find(id);
    }

    /** Refused with NOT_FOUND (no such account) or SYNC_ALREADY_RUNNING. */
    @Transactional
    public FanSyncRun start(UUID accountId, FanSyncKind kind, UUID startedBy) {
        if (accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        if (kind == null) {
            throw new UserErrorsException("KIND_REQUIRED", "kind", "Say which sync to start.");
        }
        Optional<FanSyncRun> latest = store.latest(accountId, kind);
        if (latest.isPresent() && latest.get().status() == FanSyncStatus.RUNNING) {
            throw running();
        }
        FanSyncStore.Lease lease = runner.newLease();
        Optional<FanSyncRun> run;
        if (latest.isPresent() && FanSyncRunner.resumable(latest.get())
                && latest.get().startedAt().isAfter(lease.now().minus(RESUME_WITHIN))) {
            run = store.resume(latest.get().id(), startedBy, lease);
        } else {
            Long total = kind == FanSyncKind.DETAILS ? store.countPendingDetails(accountId) : null;
            run = store.create(accountId, kind, startedBy, total, lease);
        }
        FanSyncRun started = run.orElseThrow(FanSyncService::running);
        progress.fire(new FanSyncProgressed(started, lease.owner()));
        return started;
    }

    /** Refused with NOT_FOUND (no such run) or SYNC_NOT_RUNNING. */
    @Transactional
    public FanSyncRun cancel(long id) {
        FanSyncRun run = store.find(id).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "syncId", "No such sync."));
        FanSyncRun cancelled = store.cancel(run.id(), clock.instant())
                .orElseThrow(() -> new UserErrorsException("SYNC_NOT_RUNNING", "syncId", "The sync is not running (it is " + run.status() + ")."));
        progress.fire(new FanSyncProgressed(cancelled, null));
        return cancelled;
    }

    private static UserErrorsException running() {
        return new UserErrorsException("SYNC_ALREADY_RUNNING", "kind", "A sync of this kind is already running for the account.");
    }
}

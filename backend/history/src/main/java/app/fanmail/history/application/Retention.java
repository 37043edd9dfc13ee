package app.fanmail.history.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.dispatch.api.DispatchReads;
import app.fanmail.dispatch.api.DispatchReads.Purged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How long history keeps what was sent: jobs that ended more than {@code fanmail.history.retention-days} (default 400)
 * days ago, on the application clock, are purged with their recipients and events, in bulk (dispatch deletes up to
 * {@value #JOBS_PER_BATCH} jobs or about {@value #RECIPIENTS_PER_BATCH} recipients per transaction). 0 keeps everything.
 */
@ApplicationScoped
public class Retention {
    static final int JOBS_PER_BATCH = 100;
    static final long RECIPIENTS_PER_BATCH = 200_000;
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Inject
    DispatchReads reads;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.history.retention-days", defaultValue = "400")
    int retentionDays;

    public Retention() {
    }

    Retention(DispatchReads reads, Clock clock, int retentionDays) {
        this.reads = reads;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    /** The end before which jobs are purged now; null when retention is off. */
    public Instant cutoff() {
        return cutoff(clock.instant());
    }

    /** The end before which jobs are purged at {@code now}; null when retention is off. */
    public Instant cutoff(Instant now) {
        return retentionDays <= 0 ? null : now.minus(Duration.ofDays(retentionDays));
    }

    /** Purges every account's jobs that ended before the cutoff, batch after batch; returns what was purged in all. */
    public Purged purge() {
        return purge(null, clock.instant());
    }

    /**
     * Purges the jobs of one account ({@code accountId}; null: of every account) that ended before the cutoff as it is at
     * {@code now}, batch after batch; returns what was purged in all. The schedule purges every account at the clock's
     * time; a narrower purge touches no other account's jobs (a test asks for one account at a later time without
     * moving the server's clock).
     */
    public Purged purge(UUID accountId, Instant now) {
        Instant cutoff = cutoff(now);
        if (cutoff == null) {
            return new Purged(0, 0);
        }
        int jobs = 0;
        long recipients = 0;
        while (true) {
            Purged batch = reads.purgeEndedBefore(cutoff, accountId, JOBS_PER_BATCH, RECIPIENTS_PER_BATCH);
            jobs += batch.jobs();
            recipients += batch.recipients();
            if (batch.jobs() == 0) {
                break;
            }
        }
        if (jobs > 0) {
            int j = jobs;
            long r = recipients;
            LOG.info(() -> "history retention: purged " + j + " jobs (" + r + " recipients) that ended before " + cutoff
                    + (accountId == null ? "" : " of account " + accountId));
        }
        return new Purged(jobs, recipients);
    }
}

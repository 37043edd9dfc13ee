package app.fanmail.audiences.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagJobStatus;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.kernel.concurrent.FanmailExecutors;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes the items of PREPARING tag jobs (a filter's fans, an upload's lines) on Fanmail's background executor, so
 * starting a job of a million fans answers at once: in one transaction the items, the 45059 refusals and the chunks,
 * then the job moves to RUNNING and the {@link TagJobRunner} takes it. A job cancelled meanwhile is left as it was
 * (its items roll back). The node that starts a job holds its preparation lease; when that node dies the lease runs
 * out and the tagging sweep of any node claims the job and prepares it again from the stored source.
 */
@ApplicationScoped
public class TagJobPreparer {
    static final int UPLOAD_PAGE = 10_000;
    private static final Logger LOG = Logger.getLogger(TagJobPreparer.class.getName());

    @Resource(lookup = FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Inject
    TagJobRepository jobs;
    @Inject
    OpenWindows windows;
    @Inject
    UploadedOpenids uploads;
    @Inject
    TagJobRunner runner;
    @Inject
    Clock clock;
    @Inject
    TagJobPreparer self;

    /** Prepares a job this node holds the preparation lease of, in the background. */
    public void submit(UUID jobId) {
        try {
            executor.execute(() -> run(jobId));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Could not start preparing tag job " + jobId + "; a sweep prepares it when its lease runs out", e);
        }
    }

    /** Claims the PREPARING jobs whose node died (their lease ran out) and prepares them; run by the tagging sweep. */
    public void sweep() {
        for (UUID id : jobs.abandonedPreparations(clock.instant(), 16)) {
            if (jobs.claimPreparation(id, clock.instant()).isPresent()) {
                LOG.info(() -> "Preparing tag job " + id + " again: the node that started it stopped");
                submit(id);
            }
        }
    }

    void run(UUID jobId) {
        Optional<TagJobView> job;
        try {
            job = self.prepare(jobId);
        } catch (Cancelled e) {
            LOG.fine(() -> "Tag job " + jobId + " was cancelled while its items were written; they were rolled back");
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not prepare tag job " + jobId + "; a sweep tries again when its lease runs out", e);
            return;
        }
        if (job.isPresent()) {
            jobs.announce(jobId);
            if (job.get().status() == TagJobStatus.RUNNING) {
                runner.kick();
            }
        }
    }

    /** Writes the job's items and chunks and moves it to RUNNING; empty when it is no longer preparing. */
    @Transactional
    public Optional<TagJobView> prepare(UUID jobId) {
        Optional<TagJobRepository.Preparation> found = jobs.preparation(jobId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TagJobRepository.Preparation p = found.get();
        if (p.filter() != null) {
            Set<String> open = p.filter().needsWindows() ? windows.openids(p.accountId()) : Set.of();
            jobs.addFromFilter(jobId, p.accountId(), p.filter(), open);
        } else {
            addUpload(jobId, p.uploadId());
        }
        if (p.action() == TagAction.TAG) {
            jobs.refuseFansAtTagLimit(jobId, p.accountId(), p.tagId());
        }
        return Optional.of(jobs.seal(jobId, TagRules.BATCH, clock.instant()).orElseThrow(Cancelled::new));
    }

    /** The upload's valid lines, page by page, as items in line order. */
    private void addUpload(UUID jobId, UUID uploadId) {
        int seq = 1;
        int after = 0;
        while (true) {
            List<UploadedOpenids.Row> page = uploads.page(uploadId, after, UPLOAD_PAGE);
            if (page.isEmpty()) {
                return;
            }
            jobs.addOpenids(jobId, seq, page);
            seq += page.size();
            after = page.get(page.size() - 1).line();
            if (page.size() < UPLOAD_PAGE) {
                return;
            }
        }
    }

    /** The job was cancelled while its items were written: thrown to roll them back. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled while preparing", null, false, false);
        }
    }
}

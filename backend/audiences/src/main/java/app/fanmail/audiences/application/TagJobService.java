package app.fanmail.audiences.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.TagAction;
import app.fanmail.audiences.domain.TagJobStatus;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Starts bulk tag/untag jobs from exactly one source — a list of openids, a fans filter or an uploaded list — and
 * reads them. A selection's job (at most {@value #MAX_OPENIDS} openids) gets its items in bulk within the request; a
 * filter's or an upload's job is answered PREPARING at once and the {@link TagJobPreparer} writes its items in the
 * background (an upload page by page). Fans Fanmail knows to carry 20 other tags already fail at once (45059) without
 * a call, and the {@link TagJobRunner} does the rest.
 */
@ApplicationScoped
public class TagJobService {
    /** The most openids one selection may name (larger lists come as uploads). */
    public static final int MAX_OPENIDS = 10_000;

    @Inject
    TagJobRepository jobs;
    @Inject
    TagService tags;
    @Inject
    TagJobPreparer preparer;
    @Inject
    @ConfigProperty(name = "fanmail.audiences.tagging-lease", defaultValue = "PT2M")
    Duration preparationLease;
    @Inject
    UploadedOpenids uploads;
    @Inject
    TagJobRunner runner;
    @Inject
    Clock clock;
    @Inject
    TagJobService self;

    /** Exactly one of {@code openids}, {@code filter}, {@code uploadId}. */
    public record Source(List<String> openids, FanFilter filter, UUID uploadId) {
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public TagJobView start(UUID accountId, int tagId, TagAction action, Source source, String startedBy) {
        tags.account(accountId);
        if (action == null) {
            throw new UserErrorsException("TAG_ACTION_REQUIRED", "action", "Say whether to TAG or UNTAG.");
        }
        int given = (source.openids() != null ? 1 : 0) + (source.filter() != null ? 1 : 0) + (source.uploadId() != null ? 1 : 0);
        if (given != 1) {
            throw new UserErrorsException("TAG_JOB_SOURCE_INVALID", null,
                    "Give exactly one source: openids, filter or uploadId (" + given + " given).");
        }
        if (tagId >= 0 && tagId < 2) {
            throw new UserErrorsException("TAG_RESERVED", "tagId", "Tag " + tagId + " is WeChat's own; fans cannot be tagged with it.");
        }
        StoredTag tag = tags.existing(accountId, tagId);
        if (source.openids() != null) {
            TagJobView job = self.create(accountId, tag, action, openids(source.openids()), startedBy);
            jobs.announce(job.id());
            if (job.status() == TagJobStatus.RUNNING) {
                runner.kick();
            }
            return job;
        }
        if (source.filter() != null) {
            FanFilter.Problem p = source.filter().problem();
            if (p != null) {
                throw new UserErrorsException("INVALID_FILTER", "filter." + p.field(), p.message());
            }
        } else if (!uploads.exists(accountId, source.uploadId())) {
            throw new UserErrorsException("NOT_FOUND", "uploadId", "No such upload of this account, or it is still being read.");
        }
        TagJobView job = self.createPreparing(accountId, tag, action, source, startedBy);
        jobs.announce(job.id());
        preparer.submit(job.id());
        return job;
    }

    /** Creates a selection's job with its items and chunks in one transaction: it is RUNNING (or already done) when it returns. */
    @Transactional
    public TagJobView create(UUID accountId, StoredTag tag, TagAction action, List<String> openids, String startedBy) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jobs.create(new TagJobView(id, accountId, tag.id(), tag.name(), action, "OPENIDS", TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, now, null),
                startedBy);
        List<UploadedOpenids.Row> rows = new ArrayList<>(openids.size());
        for (int i = 0; i < openids.size(); i++) { // a selection's "line" is the openid's position in it
            rows.add(new UploadedOpenids.Row(i + 1, openids.get(i)));
        }
        jobs.addOpenids(id, 1, rows);
        if (action == TagAction.TAG) {
            jobs.refuseFansAtTagLimit(id, accountId, tag.id());
        }
        return jobs.seal(id, TagRules.BATCH, now).orElseThrow();
    }

    /**
     * Creates a filter's or an upload's job PREPARING, with its source and this node's preparation lease; the
     * {@link TagJobPreparer} writes its items in the background.
     */
    @Transactional
    public TagJobView createPreparing(UUID accountId, StoredTag tag, TagAction action, Source source, String startedBy) {
        Instant now = clock.instant();
        TagJobView job = new TagJobView(UUID.randomUUID(), accountId, tag.id(), tag.name(), action, source.filter() != null ? "FILTER" : "UPLOAD",
                TagJobStatus.PREPARING, 0, 0, 0, 0, null, null, now, null);
        jobs.createPreparing(job, startedBy, source.filter(), source.uploadId(), now.plus(preparationLease));
        return job;
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<TagJobView> cancel(UUID jobId) {
        TagJobView job = find(jobId).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "jobId", "No such tag job."));
        if (job.status().finished()) {
            throw new UserErrorsException("TAG_JOB_FINISHED", "jobId", "The job has already ended (" + job.status() + ").");
        }
        Optional<TagJobView> cancelled = jobs.cancel(jobId, clock.instant());
        cancelled.ifPresent(j -> jobs.announce(j.id()));
        return cancelled;
    }

    public Optional<TagJobView> find(UUID jobId) {
        return jobId == null ? Optional.empty() : jobs.find(jobId);
    }

    public List<TagJobView> page(UUID accountId, Instant afterStartedAt, UUID afterId, int limit) {
        return jobs.page(accountId, afterStartedAt, afterId, limit);
    }

    public List<TagJobFailure> failures(UUID jobId, int afterSeq, int limit) {
        return jobs.failures(jobId, afterSeq, limit);
    }

    /** The selection's openids, stripped, blanks and repeats dropped; at most {@value #MAX_OPENIDS}. */
    static List<String> openids(List<String> given) {
        Set<String> out = new LinkedHashSet<>();
        for (String o : given) {
            if (o != null && !o.isBlank()) {
                out.add(o.strip());
            }
        }
        if (out.isEmpty()) {
            throw new UserErrorsException("OPENIDS_REQUIRED", "openids", "Select at least one fan.");
        }
        if (out.size() > MAX_OPENIDS) {
            throw new UserErrorsException("OPENIDS_TOO_MANY", "openids", "A selection names at most " + MAX_OPENIDS
                    + " openids; upload a list for more.");
        }
        for (String o : out) {
            if (o.length() > 128) {
                throw new UserErrorsException("OPENID_INVALID", "openids", "An openid has at most 128 characters.");
            }
        }
        return List.copyOf(out);
    }
}

package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchRecipient;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobEvent;
import app.fanmail.dispatch.api.JobKind;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.TemplateValues;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * The dispatch facade: creates jobs from audience snapshots (one transaction: the snapshot, every recipient in chunks of
 * {@value #CHUNK}, one insert per chunk, and the plan — all or nothing) and moves jobs between states on an operator's
 * word, recording who and when.
 */
@ApplicationScoped
@Transactional
public class DispatchService implements Dispatch {
    static final int CHUNK = 10_000;
    /** Above this many recipients the planner's statistics are refreshed after the load. */
    static final int ANALYZE_FROM = 10_000;

    @Inject
    JobRepository jobs;
    @Inject
    Audiences audiences;
    @Inject
    Clock clock;
    @Inject
    SendEngine engine;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.batch-size", defaultValue = "200")
    int batchSize;

    @Override
    public DispatchJob createTemplateJob(NewTemplateJob job, String actor) {
        validate(job);
        TemplateContent content = job.content();
        Instant now = now();
        AudienceSnapshot snapshot = audiences.snapshot(job.accountId(), job.audience(), Purpose.TEMPLATE);
        List<UserError> columns = new ArrayList<>();
        content.fields().forEach((key, v) -> {
            if (v.source() == FieldValue.Source.CSV_COLUMN && !snapshot.columns().contains(v.column())) {
                columns.add(UserError.of("CSV_COLUMN_UNKNOWN", "content.fields." + key + ".column",
                        "The audience has no column \"" + v.column() + "\" (it has " + snapshot.columns() + ")."));
            }
        });
        if (!columns.isEmpty()) {
            throw new UserErrorsException(columns); // rolls back the snapshot too
        }
        UUID id = UUID.randomUUID();
        int size = Math.max(1, Math.min(batchSize, 1000));
        jobs.insertDraft(new DispatchJob(id, job.accountId(), JobKind.TEMPLATE, JobState.DRAFT, snapshot.id(), 0, size, null, null, null,
                actor, now, now, null, null), content, selectorJson(job.audience()), actor);
        int total = 0;
        int skipped = 0;
        long after = 0;
        while (true) {
            RecipientChunk chunk = audiences.read(snapshot.id(), after, CHUNK);
            int n = chunk.recipients().size();
            long[] seqs = new long[n];
            String[] openids = new String[n];
            String[] rendered = new String[n];
            String[] skips = new String[n];
            for (int i = 0; i < n; i++) {
                Recipient r = chunk.recipients().get(i);
                TemplateValues.Rendered values = TemplateValues.render(content.fields(), r.openid(), r.remark(), r.tagNames(), r.csvRow());
                seqs[i] = r.seq();
                openids[i] = r.openid();
                JsonObjectBuilder o = JsonFactories.object();
                values.values().forEach((k, v) -> {
                    if (content.fields().get(k).source() != FieldValue.Source.FIXED) {
                        o.add(k, v); // fixed texts stay in the job's content
                    }
                });
                rendered[i] = o.build().toString();
                if (values.missingField() != null) {
                    skips[i] = "MISSING_VALUE";
                    skipped++;
                }
            }
            if (n > 0) {
                total += jobs.addRecipients(id, seqs, openids, rendered, skips);
            }
            after = chunk.lastSeq();
            if (!chunk.more()) {
                break;
            }
        }
        if (total >= ANALYZE_FROM) {
            jobs.analyzeRecipients();
        }
        JsonObjectBuilder excluded = JsonFactories.object();
        for (ExclusionReason r : ExclusionReason.values()) {
            excluded.add(r.name(), snapshot.count().excluded(r));
        }
        String plan = JsonFactories.object().add("selected", snapshot.count().total()).add("reachable", snapshot.count().reachable())
                .add("excluded", excluded).add("missingValue", skipped).add("toSend", total - skipped).build().toString();
        jobs.planned(id, total, plan);
        jobs.move(id, JobState.DRAFT, JobState.PLANNED, actor, total + " recipients, " + skipped + " skipped (missing value)", now, null, null, null);
        return jobs.find(id).orElseThrow();
    }

    private static void validate(NewTemplateJob job) {
        List<UserError> errors = new ArrayList<>();
        if (job == null || job.accountId() == null) {
            errors.add(UserError.of("ACCOUNT_REQUIRED", "accountId", "Choose the account to send from."));
        }
        if (job == null || job.audience() == null) {
            errors.add(UserError.of("AUDIENCE_REQUIRED", "audience", "Choose who receives the message."));
        }
        TemplateContent c = job == null ? null : job.content();
        if (c == null || c.templateId() == null || c.templateId().isBlank()) {
            errors.add(UserError.of("TEMPLATE_ID_REQUIRED", "content.templateId", "Choose the template to send."));
        }
        if (c == null || c.fields().isEmpty()) {
            errors.add(UserError.of("FIELDS_REQUIRED", "content.fields", "Give a value source for each of the template's fields."));
        } else {
            c.fields().forEach((key, v) -> {
                String field = "content.fields." + key;
                if (key == null || key.isBlank()) {
                    errors.add(UserError.of("FIELD_KEY_REQUIRED", "content.fields", "Every value needs the template field's key."));
                } else if (v == null || v.source() == null) {
                    errors.add(UserError.of("FIELD_SOURCE_REQUIRED", field, "Say where the value of " + key + " comes from."));
                } else if (v.source() == FieldValue.Source.FIXED && v.text() == null) {
                    errors.add(UserError.of("FIELD_TEXT_REQUIRED", field + ".text", "Type the text of " + key + "."));
                } else if (v.source() == FieldValue.Source.CSV_COLUMN && (v.column() == null || v.column().isBlank())) {
                    errors.add(UserError.of("CSV_COLUMN_REQUIRED", field + ".column", "Choose the list column " + key + " comes from."));
                }
            });
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
    }

    private static String selectorJson(AudienceSelector s) {
        JsonObjectBuilder o = JsonFactories.object();
        if (s instanceof AudienceSelector.Tags t) {
            var ids = JsonFactories.array();
            t.tagIds().forEach(ids::add);
            o.add("type", "TAGS").add("tagIds", ids).add("match", t.match().name());
        } else if (s instanceof AudienceSelector.Upload u) {
            o.add("type", "UPLOAD").add("uploadId", String.valueOf(u.uploadId()));
        } else if (s instanceof AudienceSelector.Segment g) {
            o.add("type", "SEGMENT").add("segmentId", String.valueOf(g.segmentId()));
        } else {
            o.add("type", "ALL");
        }
        return o.build().toString();
    }

    @Override
    public DispatchJob start(UUID jobId, String actor) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.PLANNED), JobState.QUEUED, actor, "confirmed", null, null);
        engine.kick();
        return j;
    }

    @Override
    public DispatchJob pause(UUID jobId, String actor, String reason) {
        return moveChecked(jobId, EnumSet.of(JobState.QUEUED, JobState.SENDING), JobState.PAUSED, actor, reason, null, "OPERATOR");
    }

    @Override
    public DispatchJob resume(UUID jobId, String actor) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.PAUSED), JobState.SENDING, actor, "resumed", null, null);
        engine.kick();
        return j;
    }

    @Override
    public DispatchJob cancel(UUID jobId, String actor, String reason) {
        DispatchJob j = moveChecked(jobId, EnumSet.of(JobState.DRAFT, JobState.PLANNED, JobState.QUEUED, JobState.SENDING, JobState.PAUSED),
                JobState.CANCELLED, actor, reason, null, null);
        jobs.skipQueued(jobId, "CANCELLED", now());
        return jobs.find(jobId).orElse(j);
    }

    private DispatchJob moveChecked(UUID jobId, Set<JobState> from, JobState to, String actor, String reason, Instant pausedUntil,
                                    String pauseReason) {
        DispatchJob job = jobs.lock(jobId).orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such job."));
        if (!from.contains(job.state()) || !job.state().canMoveTo(to)) {
            throw new UserErrorsException("STATE_CHANGE_REFUSED", "id", "A " + job.state() + " job cannot become " + to + ".");
        }
        jobs.move(jobId, job.state(), to, actor, reason, now(), pausedUntil, pauseReason, null);
        return jobs.find(jobId).orElseThrow();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public Optional<DispatchJob> job(UUID jobId) {
        return jobs.find(jobId);
    }

    @Override
    public Map<RecipientState, Long> counts(UUID jobId) {
        return jobs.counts(jobId);
    }

    @Override
    public List<JobEvent> events(UUID jobId) {
        return jobs.events(jobId);
    }

    @Override
    public List<DispatchRecipient> recipients(UUID jobId, long afterSeq, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new UserErrorsException("LIMIT_OUT_OF_RANGE", "limit", "Ask for 1 to 10,000 recipients.");
        }
        return jobs.recipients(jobId, afterSeq, limit);
    }
}

package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobKind;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.PlanArithmetic;
import app.fanmail.dispatch.domain.TemplateValues;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;

/**
 * Creates a planned job in one transaction: the audience snapshot, every recipient in chunks of {@value #CHUNK} (one
 * insert per chunk, values rendered; a mapped CSV column without a value → SKIPPED MISSING_VALUE), and the plan with
 * the snapshot's own counts — all or nothing.
 */
@ApplicationScoped
@Transactional
public class TemplateJobCreator {
    static final int CHUNK = 10_000;

    @Inject
    JobRepository jobs;
    @Inject
    PlanRepository plans;
    @Inject
    Audiences audiences;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.dispatch.batch-size", defaultValue = "200")
    int batchSize;

    /**
     * {@code prepared} by {@link TemplatePlanner} (resolved, the rules asked), with today's {@code quota}: the stored plan counts
     * what the snapshot holds, its warnings and samples come from the recipients as they are rendered (no second read).
     */
    public DispatchJob create(TemplatePlanner.Prepared prepared, PlanArithmetic.Quota quota, String actor) {
        NewTemplateJob job = prepared.job();
        TemplateContent content = job.content();
        List<String> probed = prepared.probed();
        int[] limits = probed.stream().mapToInt(prepared::limit).toArray();
        long[] empty = new long[probed.size()];
        long[] longer = new long[probed.size()];
        List<DispatchPlan.Sample> sample = new ArrayList<>();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AudienceSnapshot snapshot = audiences.snapshot(job.accountId(), job.audience(), Purpose.TEMPLATE);
        List<UserError> columns = new ArrayList<>();
        content.fields().forEach((key, v) -> {
            if (v.source() == FieldValue.Source.CSV_COLUMN && !snapshot.columns().contains(v.column())) {
                columns.add(TemplatePlanner.unknownColumn(key, v.column(), snapshot.columns()));
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
                    skips[i] = TemplatePlanner.MISSING_VALUE;
                    skipped++;
                    continue;
                }
                for (int p = 0; p < limits.length; p++) {
                    String v = values.values().get(probed.get(p));
                    if (v.isBlank()) {
                        empty[p]++;
                    }
                    if (v.codePointCount(0, v.length()) > limits[p]) {
                        longer[p]++;
                    }
                }
                if (sample.size() < TemplatePlanner.SAMPLE) {
                    sample.add(new DispatchPlan.Sample(r.openid(), r.remark(), values.values()));
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
        if (total >= DispatchService.ANALYZE_FROM) {
            jobs.analyzeRecipients();
        }
        // the stored plan counts what the snapshot holds (the audience may have changed since the pre-flight plan)
        Map<String, Long> excluded = TemplatePlanner.excluded(snapshot.count(), job.audience(), skipped);
        List<AudienceProfile.ProbeCount> counts = new ArrayList<>();
        for (int p = 0; p < limits.length; p++) {
            counts.add(new AudienceProfile.ProbeCount(empty[p], longer[p]));
        }
        DispatchPlan stored = TemplatePlanner.plan(snapshot.count().total(), total - skipped, excluded, quota,
                TemplatePlanner.warnings(prepared, counts, total - skipped), sample);
        plans.storePlanned(id, total, stored);
        jobs.move(id, JobState.DRAFT, JobState.PLANNED, actor, total + " recipients, " + skipped + " skipped (missing value)", now, null, null, null);
        return jobs.find(id).orElseThrow();
    }

    static String selectorJson(AudienceSelector s) {
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
}

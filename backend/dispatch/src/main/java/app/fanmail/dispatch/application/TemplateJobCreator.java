package app.fanmail.dispatch.application;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.SnapshotMembers;
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
 * Creates a planned job in one transaction: the audience snapshot, every recipient row in one statement (position and
 * openid; a member without a value in a mapped CSV column → SKIPPED MISSING_VALUE), and the plan measured over the
 * snapshot in one aggregate — all or nothing. Values are not copied per recipient: the engine renders them from the
 * frozen snapshot when it claims the recipients (ADR 0014), so creating 100,000 rows moves no remark, tag or cell.
 */
@ApplicationScoped
@Transactional
public class TemplateJobCreator {
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
    @Inject
    DispatchAfterCommit afterCommit;

    /**
     * {@code prepared} by {@link TemplatePlanner} (resolved, the rules asked), with today's {@code quota}: the stored plan counts
     * what the snapshot holds (the audience may have changed since the pre-flight plan).
     */
    public DispatchJob create(TemplatePlanner.Prepared prepared, PlanArithmetic.Quota quota, String actor) {
        NewTemplateJob job = prepared.job();
        TemplateContent content = job.content();
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
        Set<String> required = TemplatePlanner.requiredColumns(content);
        SnapshotMembers members = audiences.members(snapshot.id(), required);
        int n = members.size();
        String[] skips = new String[n];
        int skipped = 0;
        for (int i = 0; i < n; i++) {
            if (members.missingValue()[i]) {
                skips[i] = TemplatePlanner.MISSING_VALUE;
                skipped++;
            }
        }
        int total = n == 0 ? 0 : jobs.addRecipients(id, members.seqs(), members.openids(), skips);
        AudienceProfile measured = audiences.profileSnapshot(snapshot.id(), required, TemplatePlanner.probes(prepared), TemplatePlanner.SAMPLE);
        List<DispatchPlan.Sample> sample = new ArrayList<>();
        for (Recipient r : measured.sample()) {
            sample.add(new DispatchPlan.Sample(r.openid(), r.remark(),
                    TemplateValues.render(content.fields(), r.openid(), r.remark(), r.tagNames(), r.csvRow()).values()));
        }
        Map<String, Long> excluded = TemplatePlanner.excluded(snapshot.count(), job.audience(), skipped);
        DispatchPlan stored = TemplatePlanner.plan(snapshot.count().total(), total - skipped, excluded, quota,
                TemplatePlanner.warnings(prepared, measured.probes(), total - skipped), sample);
        plans.storePlanned(id, total, stored);
        jobs.move(id, JobState.DRAFT, JobState.PLANNED, actor, total + " recipients, " + skipped + " skipped (missing value)", now, null, null, null);
        if (total >= DispatchService.ANALYZE_FROM) {
            afterCommit.analyzeRecipients(); // the planner's statistics, refreshed after the commit (not in the caller's time)
        }
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

package app.fanmail.dispatch.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanmail.audiences.api.AudienceCount;
import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.audiences.api.AudienceSnapshot;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.RecipientChunk;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.api.FilledValues;
import app.fanmail.templates.api.SendableTemplate;
import app.fanmail.templates.api.TemplateMessages;
import app.fanmail.templates.api.ValueRefusalReason;

/** The plan's arithmetic and warnings over fakes of the audiences, templates, quota and store ports. */
class TemplatePlannerTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID TEMPLATE = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-03T04:00:00Z"); // noon in Shanghai

    private final TemplatePlanner planner = new TemplatePlanner();
    private final List<ValueProbe> probesAsked = new ArrayList<>();
    private final List<Collection<String>> columnsAsked = new ArrayList<>();
    private AudienceProfile profile;
    private QuotaSource.Today quota = new QuotaSource.Today(100, 30);
    private long sentByFanmail = 45;
    private final Map<UUID, List<Long>> quotaGauge = new LinkedHashMap<>();

    @BeforeEach
    void wire() {
        planner.audiences = new FakeAudiences();
        planner.templates = new FakeTemplates();
        planner.quotas = accountId -> {
            if (quota == null) {
                throw new QuotaSource.QuotaUnavailableException("48001 api unauthorized", null);
            }
            return quota;
        };
        planner.plans = new FakePlans();
        planner.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        planner.metrics = new RecordingMetrics();
    }

    private static AudienceCount count(long total, long reachable, long duplicate, long unknown, long unsubscribed) {
        Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
        excluded.put(ExclusionReason.DUPLICATE, duplicate);
        excluded.put(ExclusionReason.UNKNOWN_OPENID, unknown);
        excluded.put(ExclusionReason.UNSUBSCRIBED, unsubscribed);
        return new AudienceCount(total, reachable, excluded);
    }

    private static NewTemplateJob job(Map<String, FieldValue> fields) {
        return new NewTemplateJob(ACCOUNT, new TemplateContent(null, fields, null, null, null, TEMPLATE, null), new AudienceSelector.Upload(UUID.randomUUID()));
    }

    private static Map<String, FieldValue> fields(Object... keyAndValue) {
        Map<String, FieldValue> m = new LinkedHashMap<>();
        for (int i = 0; i < keyAndValue.length; i += 2) {
            m.put((String) keyAndValue[i], (FieldValue) keyAndValue[i + 1]);
        }
        return m;
    }

    @Test
    void everyExclusionReasonIsCountedAndTheRestSplitsOverTheQuotaReset() {
        profile = new AudienceProfile(count(200, 180, 5, 7, 8), List.of("openid", "city"), 30,
                List.of(new AudienceProfile.ProbeCount(0, 0)), List.of(new Recipient(1, "o-1", "Ann", List.of("vip"), Map.of("city", "上海"))));
        TemplatePlanner.Planned planned = planner.plan(job(fields("thing1", FieldValue.csvColumn("city"), "keyword2", FieldValue.fixed("ok"))));
        DispatchPlan plan = planned.plan();

        assertThat(columnsAsked).containsExactly(List.of("city"));
        assertThat(plan.audienceSize()).isEqualTo(200);
        assertThat(plan.reachable()).as("reachable members minus those missing a value").isEqualTo(150);
        assertThat(plan.excluded()).containsEntry("DUPLICATE", 5L).containsEntry("UNKNOWN_OPENID", 7L).containsEntry("UNSUBSCRIBED", 8L)
                .containsEntry("MISSING_VALUE", 30L);
        assertThat(plan.audienceSize()).isEqualTo(plan.reachable() + plan.excluded().values().stream().mapToLong(Long::longValue).sum());
        assertThat(plan.quota().limit()).isEqualTo(100);
        assertThat(plan.quota().usedByWeChat()).isEqualTo(30);
        assertThat(plan.quota().usedByFanmail()).isEqualTo(45);
        assertThat(plan.quota().remaining()).isEqualTo(55);
        assertThat(plan.quota().resetsAt()).isEqualTo(Instant.parse("2026-12-03T16:00:00Z"));
        assertThat(plan.sendToday()).isEqualTo(55);
        assertThat(plan.sendAfterReset()).isEqualTo(95);
        assertThat(plan.sample()).singleElement().satisfies(s -> {
            assertThat(s.openid()).isEqualTo("o-1");
            assertThat(s.values()).containsExactly(Map.entry("thing1", "上海"), Map.entry("keyword2", "ok"));
        });
        assertThat(planned.job().content().templateId()).isEqualTo("wx-template-id");
        assertThat(planned.job().content().title()).isEqualTo("订单发货提醒");
    }

    @Test
    void longAndEmptyValuesAreWarnedAboutByTheTemplatesRules() {
        profile = new AudienceProfile(count(10, 10, 0, 0, 0), List.of(), 0,
                List.of(new AudienceProfile.ProbeCount(2, 3), new AudienceProfile.ProbeCount(0, 4)), List.of());
        DispatchPlan plan = planner.plan(job(fields("thing1", FieldValue.of(FieldValue.Source.FAN_REMARK), "keyword2",
                FieldValue.of(FieldValue.Source.OPENID), "keyword3", FieldValue.fixed("一二三四五六七八九十一二三四五六七八九十一"), "number4",
                FieldValue.fixed("  ")))).plan();

        assertThat(probesAsked).extracting(ValueProbe::source).containsExactly(ValueProbe.Source.REMARK, ValueProbe.Source.OPENID);
        assertThat(probesAsked).extracting(ValueProbe::longerThan).containsExactly(20, 20);
        assertThat(plan.warnings()).extracting(w -> w.code() + " " + w.field() + " " + w.count()).containsExactlyInAnyOrder(
                "VALUE_EMPTY number4 10",      // a fixed blank value: every recipient
                "VALUE_CUT keyword3 10",       // a fixed value of 21 characters in a keywordN field: cut for everyone
                "VALUE_EMPTY thing1 2",        // remarks that are empty
                "VALUE_TOO_LONG thing1 3",     // remarks longer than thingN takes: WeChat refuses those messages
                "VALUE_CUT keyword2 4",        // openids longer than a phone shows
                "VALUE_EMPTY time5 10");       // a typed field of the template with no value source at all
    }

    @Test
    void onlyTheReasonsThatCanApplyToTheAudienceAreListed() {
        AudienceCount count = count(10, 7, 0, 0, 3);
        assertThat(TemplatePlanner.excluded(count, new AudienceSelector.All(), 1)).containsExactly(Map.entry("UNSUBSCRIBED", 3L),
                Map.entry("MISSING_VALUE", 1L));
        assertThat(TemplatePlanner.excluded(count, new AudienceSelector.Upload(UUID.randomUUID()), 0)).containsExactly(Map.entry("DUPLICATE", 0L),
                Map.entry("UNKNOWN_OPENID", 0L), Map.entry("UNSUBSCRIBED", 3L), Map.entry("MISSING_VALUE", 0L));
    }

    @Test
    void eachPlanSetsTheQuotaGaugeToWhatRemainsOfWeChatsQuota() {
        profile = new AudienceProfile(count(1, 1, 0, 0, 0), List.of(), 0, List.of(), List.of());
        planner.plan(job(fields("keyword2", FieldValue.fixed("x"))));
        quota = new QuotaSource.Today(100, 90); // WeChat counts more than Fanmail: its count wins
        planner.plan(job(fields("keyword2", FieldValue.fixed("x"))));
        quota = new QuotaSource.Today(100, 100);
        sentByFanmail = 120; // more than the limit: none left, never negative
        planner.plan(job(fields("keyword2", FieldValue.fixed("x"))));

        assertThat(quotaGauge).containsOnlyKeys(ACCOUNT);
        assertThat(quotaGauge.get(ACCOUNT)).containsExactly(55L, 10L, 0L);
    }

    @Test
    void aQuotaWeChatDoesNotTellLeavesTheGaugeAsItWas() {
        profile = new AudienceProfile(count(1, 1, 0, 0, 0), List.of(), 0, List.of(), List.of());
        quota = null;
        catchThrowableOfType(() -> planner.plan(job(fields("keyword2", FieldValue.fixed("x")))), UserErrorsException.class);
        assertThat(quotaGauge).isEmpty();
    }

    /** Records the quota gauge's values; the other meters are not this class's business. */
    private final class RecordingMetrics implements DispatchMetrics {
        @Override
        public void quotaRemaining(UUID accountId, long remaining) {
            quotaGauge.computeIfAbsent(accountId, a -> new ArrayList<>()).add(remaining);
        }

        @Override
        public void sendStarted(UUID accountId) {
        }

        @Override
        public void sendFinished(UUID accountId, String outcome, Integer errcode) {
        }

        @Override
        public void reportLag(java.time.Duration lag) {
        }

        @Override
        public void queueDepth(long queued) {
        }

        @Override
        public void progress(ProgressWatches watches) {
        }
    }

    @Test
    void aQuotaWeChatDoesNotTellRefusesThePlan() {
        profile = new AudienceProfile(count(1, 1, 0, 0, 0), List.of(), 0, List.of(), List.of());
        quota = null;
        UserErrorsException e = catchThrowableOfType(() -> planner.plan(job(fields("keyword2", FieldValue.fixed("x")))), UserErrorsException.class);
        assertThat(e.errors()).extracting(UserError::code).containsExactly("WECHAT_QUOTA_UNAVAILABLE");
    }

    @Test
    void anUnknownColumnATemplateOfAnotherAccountAndAnUnknownKeyAreRefused() {
        profile = new AudienceProfile(count(1, 1, 0, 0, 0), List.of("openid"), 1, List.of(new AudienceProfile.ProbeCount(0, 0)), List.of());
        assertThat(catchThrowableOfType(() -> planner.plan(job(fields("thing1", FieldValue.csvColumn("nope")))), UserErrorsException.class).errors())
                .extracting(UserError::code, UserError::field).containsExactly(org.assertj.core.groups.Tuple.tuple("CSV_COLUMN_UNKNOWN", "content.fields.thing1.column"));
        assertThat(catchThrowableOfType(() -> planner.plan(job(fields("thing9", FieldValue.fixed("x")))), UserErrorsException.class).errors())
                .extracting(UserError::code).containsExactly("FIELD_KEY_UNKNOWN");
        NewTemplateJob other = new NewTemplateJob(UUID.randomUUID(), job(fields("thing1", FieldValue.fixed("x"))).content(), new AudienceSelector.All());
        assertThat(catchThrowableOfType(() -> planner.plan(other), UserErrorsException.class).errors())
                .extracting(UserError::code).containsExactly("TEMPLATE_NOT_FOUND");
    }

    private final class FakeAudiences implements Audiences {
        @Override
        public AudienceProfile profile(UUID accountId, AudienceSelector selector, Purpose purpose, Collection<String> requiredColumns,
                                       List<ValueProbe> probes, int sampleSize) {
            assertThat(purpose).isEqualTo(Purpose.TEMPLATE);
            assertThat(sampleSize).isEqualTo(3);
            columnsAsked.add(List.copyOf(requiredColumns));
            probesAsked.addAll(probes);
            return profile;
        }

        @Override
        public AudienceCount count(UUID accountId, AudienceSelector selector, Purpose purpose) {
            throw new AssertionError("a plan profiles the audience once");
        }

        @Override
        public AudienceSnapshot snapshot(UUID accountId, AudienceSelector selector, Purpose purpose) {
            throw new AssertionError("a plan takes no snapshot");
        }

        @Override
        public Optional<AudienceSnapshot> findSnapshot(UUID snapshotId) {
            throw new AssertionError();
        }

        @Override
        public RecipientChunk read(UUID snapshotId, long afterSeq, int limit) {
            throw new AssertionError("a plan materialises nobody");
        }

        @Override
        public app.fanmail.audiences.api.SnapshotMembers members(UUID snapshotId, Collection<String> requiredColumns) {
            throw new AssertionError("a plan materialises nobody");
        }

        @Override
        public AudienceProfile profileSnapshot(UUID snapshotId, Collection<String> requiredColumns, List<ValueProbe> probes, int sampleSize) {
            throw new AssertionError("a plan takes no snapshot");
        }

        @Override
        public List<app.fanmail.audiences.api.Recipient> recipients(UUID snapshotId, long[] seqs) {
            throw new AssertionError("a plan materialises nobody");
        }

        @Override
        public boolean deleteSnapshot(UUID snapshotId) {
            throw new AssertionError();
        }

        @Override
        public int deleteSnapshotsBefore(Instant cutoff) {
            throw new AssertionError();
        }

        @Override
        public List<app.fanmail.audiences.api.TestFan> testFans(UUID accountId) {
            throw new AssertionError();
        }
    }

    /** TEMPLATE of ACCOUNT with thing1, keyword2, keyword3, number4, time5; rules: keywordN cut at 20, thingN refused beyond 20. */
    private static final class FakeTemplates implements TemplateMessages {
        private static final List<String> KEYS = List.of("thing1", "keyword2", "keyword3", "number4", "time5");

        @Override
        public Optional<SendableTemplate> sendable(UUID templateId) {
            return templateId.equals(TEMPLATE) ? Optional.of(new SendableTemplate(TEMPLATE, ACCOUNT, "wx-template-id", "订单发货提醒", KEYS, KEYS,
                    List.of(), 0, new SendableTemplate.Link(null, null, null), (fan, given, whole) -> {
                        throw new AssertionError("dispatch renders its own values");
                    })) : Optional.empty();
        }

        @Override
        public Optional<FilledValues> check(UUID templateId, Map<String, String> values) {
            List<FilledValues.Refused> refused = new ArrayList<>();
            List<FilledValues.Cut> cut = new ArrayList<>();
            values.forEach((k, v) -> {
                int n = v.codePointCount(0, v.length());
                if (k.startsWith("keyword") && n > 20) {
                    cut.add(new FilledValues.Cut(k, n, 20));
                } else if (k.startsWith("thing") && n > 20) {
                    refused.add(new FilledValues.Refused(k, ValueRefusalReason.TOO_LONG, 20, k + " too long"));
                } else if (k.startsWith("number") && v.isBlank()) {
                    refused.add(new FilledValues.Refused(k, ValueRefusalReason.EMPTY, null, k + " empty"));
                }
            });
            KEYS.stream().filter(k -> !values.containsKey(k) && (k.startsWith("thing") || k.startsWith("time") || k.startsWith("number")))
                    .forEach(k -> refused.add(new FilledValues.Refused(k, ValueRefusalReason.EMPTY, null, k + " is empty")));
            return Optional.of(new FilledValues(values, refused, cut));
        }
    }

    private final class FakePlans implements PlanRepository {
        @Override
        public long sentSince(UUID accountId, Instant since) {
            assertThat(since).isEqualTo(Instant.parse("2026-12-02T16:00:00Z"));
            return sentByFanmail;
        }

        @Override
        public void storePlanned(UUID jobId, int total, DispatchPlan plan) {
            throw new AssertionError("a plan writes nothing");
        }

        @Override
        public Optional<app.fanmail.dispatch.api.JobDetails> details(UUID jobId) {
            throw new AssertionError();
        }

        @Override
        public boolean hasFollowUp(UUID originJobId, String kind) {
            throw new AssertionError();
        }

        @Override
        public int createFollowUp(UUID originJobId, UUID jobId, String kind, String[] states, String actor, Instant now) {
            throw new AssertionError("a plan writes nothing");
        }
    }
}

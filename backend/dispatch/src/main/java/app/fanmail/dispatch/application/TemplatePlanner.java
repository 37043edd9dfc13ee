package app.fanmail.dispatch.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.fanmail.audiences.api.AudienceProfile;
import app.fanmail.audiences.api.Audiences;
import app.fanmail.audiences.api.ExclusionReason;
import app.fanmail.audiences.api.Purpose;
import app.fanmail.audiences.api.Recipient;
import app.fanmail.audiences.api.ValueProbe;
import app.fanmail.dispatch.api.DispatchPlan;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.domain.PlanArithmetic;
import app.fanmail.dispatch.domain.TemplateValues;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.api.FilledValues;
import app.fanmail.templates.api.SendableTemplate;
import app.fanmail.templates.api.TemplateMessages;
import app.fanmail.templates.api.ValueRefusalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Pre-flight plans of template sends, written for audiences of a million: the audience's counts, missing CSV values,
 * empty and long values come from one aggregate query of the audiences module (nothing is materialised), Fanmail's own
 * sends today from an index range per job, WeChat's quota from openapi/quota/get (no transaction open), the value
 * rules from the templates module. Writes nothing.
 */
@ApplicationScoped
public class TemplatePlanner {
    static final int SAMPLE = 3;
    /**
     * Values long enough to find the length beyond which WeChat's rules cut or refuse a field's values: Chinese first (thingN,
     * keywordN, nameN with Chinese…), then Latin letters for the types that take no Chinese (character_stringN, letterN…).
     */
    static final List<String> LONG_PROBES = List.of("字".repeat(64), "x".repeat(64));
    static final String MISSING_VALUE = "MISSING_VALUE";

    @Inject
    Audiences audiences;
    @Inject
    TemplateMessages templates;
    @Inject
    QuotaSource quotas;
    @Inject
    PlanRepository plans;
    @Inject
    Clock clock;
    @Inject
    DispatchMetrics metrics = DispatchMetrics.NONE;

    /** A job resolved against the templates module (WeChat template id and title filled in) and its plan. */
    public record Planned(NewTemplateJob job, DispatchPlan plan) {
    }

    /**
     * A job checked and resolved, with the rules' verdict on its values: the fields filled per recipient ({@code probed},
     * in content order) and the length beyond which each one is cut or refused.
     */
    public record Prepared(NewTemplateJob job, Checked checked, List<String> probed) {
        /** The limit of a probed field's values in characters, or {@link Integer#MAX_VALUE} when the rules set none. */
        public int limit(String key) {
            Limit l = checked.limits().get(key);
            return l == null ? Integer.MAX_VALUE : l.length();
        }
    }

    /** Checks and resolves the job (as {@code createTemplateJob} does) and plans it. */
    public Planned plan(NewTemplateJob job) {
        Prepared prepared = prepare(job);
        NewTemplateJob resolved = prepared.job();
        TemplateContent content = resolved.content();
        AudienceProfile profile = audiences.profile(resolved.accountId(), resolved.audience(), Purpose.TEMPLATE, requiredColumns(content),
                probes(prepared), SAMPLE);
        List<UserError> unknown = new ArrayList<>();
        content.fields().forEach((key, v) -> {
            if (v.source() == FieldValue.Source.CSV_COLUMN && !profile.columns().contains(v.column())) {
                unknown.add(unknownColumn(key, v.column(), profile.columns()));
            }
        });
        if (!unknown.isEmpty()) {
            throw new UserErrorsException(unknown);
        }
        PlanArithmetic.Quota quota = quota(resolved.accountId());
        long sendable = profile.count().reachable() - profile.missingValue();
        Map<String, Long> excluded = excluded(profile.count(), resolved.audience(), profile.missingValue());
        List<DispatchPlan.Warning> warnings = warnings(prepared, profile.probes(), sendable);
        List<DispatchPlan.Sample> sample = new ArrayList<>();
        for (Recipient r : profile.sample()) {
            TemplateValues.Rendered v = TemplateValues.render(content.fields(), r.openid(), r.remark(), r.tagNames(), r.csvRow());
            sample.add(new DispatchPlan.Sample(r.openid(), r.remark(), v.values()));
        }
        return new Planned(resolved, plan(profile.count().total(), sendable, excluded, quota, warnings, sample));
    }

    /** The upload columns the content's fields take values from: a member without a value in one is skipped (MISSING_VALUE). */
    static Set<String> requiredColumns(TemplateContent content) {
        Set<String> columns = new LinkedHashSet<>();
        content.fields().values().stream().filter(v -> v.source() == FieldValue.Source.CSV_COLUMN).forEach(v -> columns.add(v.column()));
        return columns;
    }

    /** What the plan measures per member: each field whose value comes from the fan or the list, with its length limit. */
    static List<ValueProbe> probes(Prepared prepared) {
        List<ValueProbe> probes = new ArrayList<>();
        for (String key : prepared.probed()) {
            FieldValue v = prepared.job().content().fields().get(key);
            probes.add(new ValueProbe(switch (v.source()) {
                case FAN_REMARK -> ValueProbe.Source.REMARK;
                case TAG_NAMES -> ValueProbe.Source.TAG_NAMES;
                case OPENID -> ValueProbe.Source.OPENID;
                default -> ValueProbe.Source.COLUMN;
            }, v.column(), prepared.limit(key)));
        }
        return probes;
    }

    /** Checks and resolves the job and asks the templates module's rules about its values (no audience read). */
    public Prepared prepare(NewTemplateJob job) {
        NewTemplateJob resolved = resolve(job);
        List<String> probed = new ArrayList<>();
        resolved.content().fields().forEach((key, v) -> {
            if (v.source() != FieldValue.Source.FIXED) {
                probed.add(key);
            }
        });
        return new Prepared(resolved, check(resolved.content()), probed);
    }

    /**
     * Today's template quota of the account: WeChat's (no transaction may be open) and Fanmail's own count since midnight
     * Asia/Shanghai. What remains is also the account's quota-remaining gauge (each plan and each job creation reads it).
     */
    public PlanArithmetic.Quota quota(java.util.UUID accountId) {
        QuotaSource.Today today;
        try {
            today = quotas.templateSends(accountId);
        } catch (QuotaSource.QuotaUnavailableException e) {
            throw new UserErrorsException("WECHAT_QUOTA_UNAVAILABLE", null, "WeChat did not tell today's template quota: " + e.getMessage());
        }
        var now = clock.instant();
        long fanmail = plans.sentSince(accountId, PlanArithmetic.dayStart(now));
        PlanArithmetic.Quota quota = PlanArithmetic.quota(today.limit(), today.used(), fanmail, now);
        metrics.quotaRemaining(accountId, quota.remaining());
        return quota;
    }

    /**
     * The exclusions a template send to this audience can have, 0 included, as audiences' count lists them: DUPLICATE and
     * UNKNOWN_OPENID for uploads only, UNSUBSCRIBED, never WINDOW_CLOSED (template messages need no open window), and
     * MISSING_VALUE.
     */
    static Map<String, Long> excluded(app.fanmail.audiences.api.AudienceCount count, app.fanmail.audiences.api.AudienceSelector audience,
                                      long missingValue) {
        Map<String, Long> excluded = new LinkedHashMap<>();
        for (ExclusionReason r : ExclusionReason.values()) {
            boolean applies = switch (r) {
                case DUPLICATE, UNKNOWN_OPENID -> audience instanceof app.fanmail.audiences.api.AudienceSelector.Upload;
                case UNSUBSCRIBED -> true;
                case WINDOW_CLOSED -> false;
            };
            if (applies || count.excluded(r) > 0) {
                excluded.put(r.name(), count.excluded(r));
            }
        }
        excluded.put(MISSING_VALUE, missingValue);
        return excluded;
    }

    /** The plan of these numbers: the split of {@code reachable} over today's remaining quota and the days after. */
    public static DispatchPlan plan(long audienceSize, long reachable, Map<String, Long> excluded, PlanArithmetic.Quota quota,
                                    List<DispatchPlan.Warning> warnings, List<DispatchPlan.Sample> sample) {
        PlanArithmetic.Split split = PlanArithmetic.split(reachable, quota.remaining());
        return new DispatchPlan(audienceSize, reachable, excluded, new DispatchPlan.Quota(quota.limit(), quota.usedByWeChat(),
                quota.usedByFanmail(), quota.remaining(), quota.resetsAt()), split.sendToday(), split.sendAfterReset(), warnings, sample);
    }

    /** What WeChat's rules do to a value of a field: cut on the phone or refused beyond {@code length} characters. */
    public record Limit(String code, int length) {
    }

    /** The rules' verdict on the fixed values and on a long value of each field filled per recipient, and the limits found. */
    public record Checked(FilledValues check, Map<String, Limit> limits) {
    }

    /** One check of the fixed values and of a long value for each field filled per recipient (null check: no template to ask). */
    private Checked check(TemplateContent content) {
        if (content.sourceTemplateId() == null) {
            return new Checked(null, Map.of()); // content naming a WeChat template id only: no template to check against
        }
        Map<String, Limit> limits = new LinkedHashMap<>();
        FilledValues first = null;
        for (String probe : LONG_PROBES) {
            Map<String, String> values = new LinkedHashMap<>();
            content.fields().forEach((key, v) -> {
                if (v.source() == FieldValue.Source.FIXED || !limits.containsKey(key)) {
                    values.put(key, v.source() == FieldValue.Source.FIXED ? v.text() : probe);
                }
            });
            Optional<FilledValues> checked = templates.check(content.sourceTemplateId(), values);
            if (checked.isEmpty()) {
                return new Checked(null, Map.of());
            }
            first = first == null ? checked.get() : first; // the fixed values' verdict
            for (FilledValues.Cut cut : checked.get().cutOnPhone()) {
                limits.putIfAbsent(cut.key(), new Limit("VALUE_CUT", cut.shown()));
            }
            for (FilledValues.Refused r : checked.get().refused()) {
                if (r.reason() == ValueRefusalReason.TOO_LONG && r.limit() != null) {
                    limits.putIfAbsent(r.key(), new Limit("VALUE_TOO_LONG", r.limit()));
                }
            }
        }
        return new Checked(first, limits);
    }

    /**
     * The warnings about a job's values: fixed values by the rules (for all {@code recipients}), and for each probed field
     * (in {@link Prepared#probed()} order) its counts of empty and over-long values.
     */
    public static List<DispatchPlan.Warning> warnings(Prepared prepared, List<AudienceProfile.ProbeCount> counts, long recipients) {
        TemplateContent content = prepared.job().content();
        Checked checked = prepared.checked();
        List<String> probed = prepared.probed();
        List<DispatchPlan.Warning> out = new ArrayList<>();
        FilledValues check = checked.check();
        Map<String, Limit> limits = checked.limits();
        content.fields().forEach((key, v) -> {
            if (v.source() == FieldValue.Source.FIXED && v.text().isBlank()) {
                out.add(new DispatchPlan.Warning("VALUE_EMPTY", key, recipients, key + " is empty for every recipient."));
            }
        });
        if (check != null) {
            for (FilledValues.Refused r : check.refused()) {
                FieldValue v = content.fields().get(r.key());
                if (v == null) {
                    out.add(new DispatchPlan.Warning("VALUE_EMPTY", r.key(), recipients, r.key() + " has no value: WeChat refuses the message. "
                            + r.message()));
                } else if (v.source() == FieldValue.Source.FIXED && !v.text().isBlank()) {
                    out.add(new DispatchPlan.Warning("VALUE_REFUSED", r.key(), recipients, r.message()));
                }
            }
            for (FilledValues.Cut c : check.cutOnPhone()) {
                FieldValue v = content.fields().get(c.key());
                if (v != null && v.source() == FieldValue.Source.FIXED) {
                    out.add(new DispatchPlan.Warning("VALUE_CUT", c.key(), recipients, c.key() + " is " + c.length()
                            + " characters: phones show the first " + c.shown() + "."));
                }
            }
        }
        for (int i = 0; i < probed.size(); i++) {
            String key = probed.get(i);
            AudienceProfile.ProbeCount n = counts.get(i);
            if (n.empty() > 0) {
                out.add(new DispatchPlan.Warning("VALUE_EMPTY", key, n.empty(), key + " is empty for " + n.empty() + " recipients."));
            }
            Limit l = limits.get(key);
            if (l != null && n.longer() > 0) {
                out.add(new DispatchPlan.Warning(l.code(), key, n.longer(), l.code().equals("VALUE_CUT")
                        ? key + " is longer than " + l.length() + " characters for " + n.longer() + " recipients: phones show it cut."
                        : key + " is longer than " + l.length() + " characters for " + n.longer() + " recipients: WeChat refuses their messages."));
            }
        }
        return out;
    }

    static UserError unknownColumn(String key, String column, List<String> columns) {
        return UserError.of("CSV_COLUMN_UNKNOWN", "content.fields." + key + ".column",
                "The audience has no column \"" + column + "\" (it has " + columns + ").");
    }

    /** Checks the job and, given Fanmail's template id, fills in WeChat's template id and the title. */
    NewTemplateJob resolve(NewTemplateJob job) {
        validate(job);
        TemplateContent c = job.content();
        if (c.sourceTemplateId() == null) {
            return job;
        }
        SendableTemplate t = templates.sendable(c.sourceTemplateId()).filter(s -> s.accountId().equals(job.accountId()))
                .orElseThrow(() -> new UserErrorsException("TEMPLATE_NOT_FOUND", "content.templateId", "The account has no such template."));
        List<UserError> errors = new ArrayList<>();
        c.fields().keySet().stream().filter(k -> !t.fieldKeys().contains(k)).forEach(k -> errors.add(UserError.of("FIELD_KEY_UNKNOWN",
                "content.fields." + k, "The template has no field " + k + " (it has " + t.fieldKeys() + ").")));
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        return new NewTemplateJob(job.accountId(), c.resolved(t.weChatTemplateId(), t.title()), job.audience());
    }

    static void validate(NewTemplateJob job) {
        List<UserError> errors = new ArrayList<>();
        if (job == null || job.accountId() == null) {
            errors.add(UserError.of("ACCOUNT_REQUIRED", "accountId", "Choose the account to send from."));
        }
        if (job == null || job.audience() == null) {
            errors.add(UserError.of("AUDIENCE_REQUIRED", "audience", "Choose who receives the message."));
        }
        TemplateContent c = job == null ? null : job.content();
        if (c == null || (c.sourceTemplateId() == null && (c.templateId() == null || c.templateId().isBlank()))) {
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
}

package app.fanmail.templates.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.application.TemplateGateway.BlockedMessage;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.application.TemplateGateway.IndustryName;
import app.fanmail.templates.application.TemplateGateway.IndustryNames;
import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.ChangeAllowance;
import app.fanmail.templates.domain.ChangeLimits;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.Industry;
import app.fanmail.templates.domain.IndustryCatalog;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateLink;
import app.fanmail.templates.domain.TemplatePreview;
import app.fanmail.templates.infrastructure.TemplateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;

/**
 * An account's template library and industry setup. Every change refuses accounts that cannot send
 * template messages (TEMPLATES_NOT_AVAILABLE) before talking to WeChat; WeChat's refusals become
 * user errors with the same codes as Fanmail's own early checks.
 */
@ApplicationScoped
@Transactional
public class TemplateService {
    /** WeChat's limit of private templates per account (45026 beyond it). */
    public static final int TEMPLATE_LIMIT = 25;

    static final int INDUSTRY_CHANGED_TOO_OFTEN = 43100;
    static final int TEMPLATE_LIMIT_ERRCODE = 45026;
    static final int INVALID_TEMPLATE_ID = 40037;
    static final int INVALID_INDUSTRY_ID = 40102;

    @Inject
    TemplateStore store;
    @Inject
    TemplateGateway gateway;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;

    private final IndustryCatalog catalog = IndustryCatalog.standard();

    public record SyncResult(int added, int updated, int removed, int unchanged) {
        public int total() {
            return added + updated + unchanged;
        }
    }

    public record AddResult(StoredTemplate template, SyncResult sync) {
    }

    public record Eligibility(boolean eligible, String reason) {
    }

    public record Setup(UUID accountId, Eligibility eligibility, Industry primary, Industry secondary, Instant nextIndustryChangeAt,
                        int templateCount) {
    }

    public record TemplatePage(List<StoredTemplate> templates, boolean hasNext, long total) {
    }

    public IndustryCatalog catalog() {
        return catalog;
    }

    // ------------------------------------------------------------------ reads

    public Eligibility eligibility(AccountView a) {
        if (a.canSendTemplates()) {
            return new Eligibility(true, null);
        }
        if (a.type() != AccountType.SERVICE) {
            return new Eligibility(false, "Only service accounts (服务号) can send template messages; this is a subscription account.");
        }
        return new Eligibility(false, "Only verified (认证) service accounts can send template messages; this account is not verified.");
    }

    public TemplatePage list(UUID accountId, int first, String afterTitle, UUID afterId) {
        account(accountId, "accountId");
        List<StoredTemplate> rows = store.page(accountId, first + 1, afterTitle, afterId);
        boolean hasNext = rows.size() > first;
        return new TemplatePage(hasNext ? rows.subList(0, first) : rows, hasNext, store.count(accountId));
    }

    public Optional<StoredTemplate> find(UUID id) {
        return store.find(id);
    }

    public Optional<StoredPreset> preset(UUID templateId) {
        return store.preset(templateId);
    }

    /** The industries WeChat has for the account (stored ids when WeChat cannot be asked), with eligibility and limits. */
    public Setup setup(UUID accountId) {
        AccountView a = account(accountId, "accountId");
        Eligibility e = eligibility(a);
        Industry primary = null;
        Industry secondary = null;
        Optional<int[]> stored = store.industryIds(accountId);
        if (stored.isPresent()) {
            primary = catalog.byId(stored.get()[0]).orElse(null);
            secondary = catalog.byId(stored.get()[1]).orElse(null);
        }
        if (e.eligible()) {
            try {
                IndustryNames names = gateway.industries(accountId);
                primary = resolve(names.primary()).orElse(primary);
                secondary = resolve(names.secondary()).orElse(secondary);
            } catch (GatewayException ignored) {
                // WeChat unreachable: show what Fanmail last set
            }
        }
        ChangeAllowance allowance = new ChangeLimits(clock).check(SetupModel.INDUSTRY, store.changes(accountId, SetupModel.INDUSTRY));
        return new Setup(accountId, e, primary, secondary, allowance.nextChangeAt(), (int) store.count(accountId));
    }

    public List<BlockedMessage> blocked(UUID templateId, long largestId, int limit) {
        StoredTemplate t = template(templateId);
        eligible(t.accountId());
        try {
            return gateway.blocked(t.accountId(), t.templateId(), largestId, limit);
        } catch (GatewayException e) {
            throw wechatFailure(e, "templateId");
        }
    }

    public TemplatePreview preview(UUID templateId, Map<String, String> values) {
        StoredTemplate t = template(templateId);
        return TemplatePreview.render(t.parsed(), values == null ? Map.of() : values, t.title());
    }

    // ------------------------------------------------------------------ changes

    /** Makes the stored library match get_all_private_template exactly. */
    public SyncResult sync(UUID accountId) {
        eligible(accountId);
        List<RemoteTemplate> remote;
        try {
            remote = gateway.list(accountId);
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
        return apply(accountId, remote);
    }

    public Setup setIndustries(UUID accountId, Integer primaryId, Integer secondaryId) {
        eligible(accountId);
        List<UserError> invalid = new ArrayList<>();
        for (UserError e : catalog.checkSelection(primaryId, secondaryId)) {
            invalid.add(e.code().equals("INDUSTRY_UNKNOWN") ? UserError.of("INDUSTRY_INVALID", e.field(), e.message()) : e);
        }
        if (!invalid.isEmpty()) {
            throw new UserErrorsException(invalid);
        }
        Instant now = clock.instant();
        store.lockSetup(accountId, now);
        ChangeAllowance allowance = new ChangeLimits(clock).check(SetupModel.INDUSTRY, store.changes(accountId, SetupModel.INDUSTRY));
        if (!allowance.allowed()) {
            throw new UserErrorsException("INDUSTRY_CHANGE_TOO_SOON", null,
                    "WeChat allows one change of industries per calendar month and Fanmail already changed them in " + allowance.month()
                            + "; the next change is possible from " + chinaDate(allowance.nextChangeAt()) + " (Asia/Shanghai).");
        }
        try {
            gateway.setIndustries(accountId, primaryId, secondaryId);
        } catch (GatewayException e) {
            if (e.errcode() == INDUSTRY_CHANGED_TOO_OFTEN) {
                throw new UserErrorsException("INDUSTRY_CHANGE_TOO_SOON", null,
                        "WeChat refused: the industries were already changed this month (outside Fanmail); the next change is possible from "
                                + chinaDate(ChangeLimits.startOfNextMonth(now)) + " (Asia/Shanghai).");
            }
            if (e.errcode() == INVALID_INDUSTRY_ID) {
                throw new UserErrorsException("INDUSTRY_INVALID", IndustryCatalog.FIELD_PRIMARY, "WeChat does not know these industries.");
            }
            throw wechatFailure(e, null);
        }
        store.saveIndustries(accountId, primaryId, secondaryId, now);
        store.recordChange(accountId, SetupModel.INDUSTRY, now,
                Json.createObjectBuilder().add("primary", primaryId).add("secondary", secondaryId).build());
        return setup(accountId);
    }

    public AddResult add(UUID accountId, String shortId) {
        eligible(accountId);
        String id = shortId == null ? "" : shortId.strip();
        if (id.isEmpty()) {
            throw new UserErrorsException("TEMPLATE_SHORT_ID_REQUIRED", "shortId", "Give the library template's id, e.g. TM00015.");
        }
        if (store.count(accountId) >= TEMPLATE_LIMIT) {
            throw limitReached();
        }
        String templateId;
        try {
            templateId = gateway.add(accountId, id);
        } catch (GatewayException e) {
            switch (e.errcode()) {
                case TEMPLATE_LIMIT_ERRCODE -> throw limitReached();
                case INVALID_TEMPLATE_ID -> throw new UserErrorsException("TEMPLATE_SHORT_ID_UNKNOWN", "shortId",
                        "WeChat's template library has no template " + id + ".");
                default -> throw wechatFailure(e, "shortId");
            }
        }
        SyncResult sync = sync(accountId);
        StoredTemplate added = store.all(accountId).stream().filter(t -> t.templateId().equals(templateId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("WeChat did not list the template it just added: " + templateId));
        return new AddResult(added, sync);
    }

    /** Deletes the template in WeChat and here; one WeChat no longer has is just removed here. */
    public UUID delete(UUID templateId) {
        StoredTemplate t = template(templateId);
        eligible(t.accountId());
        try {
            gateway.delete(t.accountId(), t.templateId());
        } catch (GatewayException e) {
            if (e.errcode() != INVALID_TEMPLATE_ID) {
                throw wechatFailure(e, "id");
            }
        }
        store.delete(t.id());
        return t.id();
    }

    public StoredPreset savePreset(UUID templateId, FieldPreset preset, TemplateLink link) {
        StoredTemplate t = template(templateId);
        eligible(t.accountId());
        List<UserError> errors = new ArrayList<>(preset.problemsAgainst(t.parsed()));
        for (UserError e : link.problems()) {
            errors.add(UserError.of(e.code(), e.field() == null ? "link" : "link." + e.field(), e.message()));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        store.savePreset(t.id(), preset, link, clock.instant());
        return store.preset(t.id()).orElseThrow();
    }

    // ------------------------------------------------------------------ helpers

    private SyncResult apply(UUID accountId, List<RemoteTemplate> remote) {
        Instant now = clock.instant();
        Map<String, StoredTemplate> local = new HashMap<>();
        for (StoredTemplate t : store.all(accountId)) {
            local.put(t.templateId(), t);
        }
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        Map<String, RemoteTemplate> seen = new HashMap<>();
        for (RemoteTemplate r : remote) {
            if (r.templateId() == null || seen.putIfAbsent(r.templateId(), r) != null) {
                continue;
            }
            StoredTemplate existing = local.remove(r.templateId());
            if (existing == null) {
                store.insert(accountId, r, now);
                added++;
            } else if (same(existing, r)) {
                store.touch(existing.id(), now);
                unchanged++;
            } else {
                store.update(existing.id(), r, now);
                updated++;
            }
        }
        for (StoredTemplate gone : local.values()) {
            store.delete(gone.id());
        }
        return new SyncResult(added, updated, local.size(), unchanged);
    }

    private static boolean same(StoredTemplate s, RemoteTemplate r) {
        return s.title().equals(nn(r.title())) && s.primaryIndustry().equals(nn(r.primaryIndustry()))
                && s.deputyIndustry().equals(nn(r.deputyIndustry())) && s.content().equals(nn(r.content()))
                && s.example().equals(nn(r.example()));
    }

    private Optional<Industry> resolve(IndustryName n) {
        return n == null ? Optional.empty() : catalog.byClasses(n.firstClass(), n.secondClass());
    }

    private AccountView account(UUID accountId, String field) {
        return Optional.ofNullable(accountId).flatMap(accounts::find)
                .orElseThrow(() -> new UserErrorsException("NOT_FOUND", field, "No such account."));
    }

    private AccountView eligible(UUID accountId) {
        AccountView a = account(accountId, "accountId");
        Eligibility e = eligibility(a);
        if (!e.eligible()) {
            throw new UserErrorsException("TEMPLATES_NOT_AVAILABLE", "accountId", e.reason());
        }
        return a;
    }

    private StoredTemplate template(UUID id) {
        return Optional.ofNullable(id).flatMap(store::find)
                .orElseThrow(() -> new UserErrorsException("NOT_FOUND", "id", "No such template."));
    }

    private static UserErrorsException limitReached() {
        return new UserErrorsException("TEMPLATE_LIMIT_REACHED", "shortId",
                "An account can hold at most " + TEMPLATE_LIMIT + " templates; delete one before adding another.");
    }

    private static UserErrorsException wechatFailure(GatewayException e, String field) {
        return new UserErrorsException(e.transientFailure() ? "WECHAT_UNAVAILABLE" : "WECHAT_REFUSED", field,
                "WeChat answered " + e.errcode() + ": " + e.errmsg() + (e.transientFailure() ? " Try again later." : ""));
    }

    private static LocalDate chinaDate(Instant instant) {
        return instant.atZone(ChangeLimits.CHINA_TIME).toLocalDate();
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}

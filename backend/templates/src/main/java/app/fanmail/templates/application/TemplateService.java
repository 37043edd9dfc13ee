package app.fanmail.templates.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import app.fanmail.templates.application.TemplateGateway.BlockedMessage;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.application.TemplateGateway.IndustryName;
import app.fanmail.templates.application.TemplateGateway.IndustryNames;
import app.fanmail.templates.application.TemplateGateway.LibraryEntry;
import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.templates.application.TemplateGateway.RemoteCategory;
import app.fanmail.templates.application.TemplateGateway.RemoteTemplate;
import app.fanmail.templates.domain.CategoryChange;
import app.fanmail.templates.domain.CategorySelection;
import app.fanmail.templates.domain.ChangeAllowance;
import app.fanmail.templates.domain.ChangeLimits;
import app.fanmail.templates.domain.FieldPreset;
import app.fanmail.templates.domain.Industry;
import app.fanmail.templates.domain.IndustryCatalog;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import app.fanmail.templates.domain.TemplateLink;
import app.fanmail.templates.domain.TemplatePreview;
import app.fanmail.templates.infrastructure.TemplateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** Field of the category ids in the category mutations' input. */
    static final String CATEGORY_FIELD = "categoryIds";

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

    public record Setup(UUID accountId, Eligibility eligibility, SetupModel model, Industry primary, Industry secondary,
                        Instant nextIndustryChangeAt, List<ServiceCategory> categories, ChangeAllowance categoryAllowance,
                        int templateCount) {
    }

    /**
     * What changing the categories to {@code next} would do, before doing it: problems with the
     * selection (unknown, repeated, more than five, not enough changes left this month), the
     * categories added and removed, the templates WeChat would delete, and the changes it uses.
     */
    public record CategoryPlan(List<UserError> problems, List<ServiceCategory> next, CategoryChange<StoredTemplate> change,
                               ChangeAllowance allowance) {
        public boolean allowed() {
            return problems.isEmpty();
        }
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
        SetupModel model = store.model(accountId);
        List<ServiceCategory> categories = store.categories(accountId);
        if (e.eligible() && model == SetupModel.CATEGORY) {
            try {
                categories = current(accountId, categories);
            } catch (GatewayException ignored) {
                // WeChat unreachable: show the categories Fanmail last saw
            }
        }
        return new Setup(accountId, e, model, primary, secondary, allowance.nextChangeAt(), categories, categoryAllowance(accountId),
                (int) store.count(accountId));
    }

    /** A library template and whether the account's industries or categories allow it. */
    public record LibraryItem(LibraryEntry entry, boolean inSetup) {
    }

    /** The public library when it can be browsed (sandbox accounts), templates of the account's setup first. */
    public Optional<List<LibraryItem>> library(UUID accountId) {
        eligible(accountId);
        Optional<List<LibraryEntry>> entries;
        try {
            entries = gateway.library(accountId);
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Setup setup = setup(accountId);
        return Optional.of(entries.get().stream().map(e -> new LibraryItem(e, inSetup(setup, e)))
                .sorted(java.util.Comparator.comparing((LibraryItem i) -> !i.inSetup()).thenComparing(i -> i.entry().shortId()))
                .toList());
    }

    private boolean inSetup(Setup setup, LibraryEntry e) {
        if (setup.model() == SetupModel.CATEGORY) {
            return e.categoryId() != null && setup.categories().stream().anyMatch(c -> c.id().equals(e.categoryId()));
        }
        return e.categoryId() == null && java.util.stream.Stream.of(setup.primary(), setup.secondary())
                .anyMatch(i -> i != null && catalog.byClasses(e.primaryIndustry(), e.deputyIndustry()).map(x -> x.id() == i.id()).orElse(false));
    }

    /** Every category WeChat lets the account choose, grouped by parent in WeChat's order. */
    public List<ServiceCategory> categoryCatalogue(UUID accountId) {
        eligible(accountId);
        try {
            return gateway.categoryCatalogue(accountId).stream().map(TemplateService::category).toList();
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
    }

    /** What {@link #setCategories} would do with these ids, without changing anything. */
    public CategoryPlan planCategories(UUID accountId, List<String> categoryIds) {
        eligible(accountId);
        Map<String, ServiceCategory> catalogue = new LinkedHashMap<>();
        try {
            gateway.categoryCatalogue(accountId).forEach(c -> catalogue.put(c.id(), category(c)));
            return plan(accountId, current(accountId, store.categories(accountId), catalogue), catalogue, categoryIds);
        } catch (GatewayException e) {
            throw wechatFailure(e, CATEGORY_FIELD);
        }
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
            if (store.model(accountId) == SetupModel.CATEGORY) {
                store.saveCategories(accountId, current(accountId, store.categories(accountId)), clock.instant());
            }
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
        return apply(accountId, remote);
    }

    /** Chooses the industry or the category model for the account (a Fanmail setting; WeChat has both). */
    public Setup setModel(UUID accountId, SetupModel model) {
        eligible(accountId);
        if (model == null) {
            throw new UserErrorsException("SETUP_MODEL_REQUIRED", "model", "Choose the industry or the category model.");
        }
        store.lockSetup(accountId, clock.instant());
        store.saveModel(accountId, model, clock.instant());
        if (model == SetupModel.CATEGORY) {
            try {
                store.saveCategories(accountId, current(accountId, store.categories(accountId)), clock.instant());
            } catch (GatewayException ignored) {
                // shown from WeChat on the next read; the setting itself does not need WeChat
            }
        }
        return setup(accountId);
    }

    /**
     * Changes the account's categories to exactly {@code categoryIds} (in that order for new ones):
     * one deletecategory per removed category, then one addcategory for the new ones. WeChat deletes
     * the templates of removed categories, so every such template must be in
     * {@code confirmedTemplateIds} (the list the operator saw), else nothing happens. Each WeChat call
     * that succeeded is recorded (it counts against the month) even when a later one fails.
     */
    @Transactional(dontRollbackOn = UserErrorsException.class)
    public Setup setCategories(UUID accountId, List<String> categoryIds, List<UUID> confirmedTemplateIds) {
        eligible(accountId);
        if (store.model(accountId) != SetupModel.CATEGORY) {
            throw new UserErrorsException("SETUP_MODEL_MISMATCH", "accountId",
                    "This account uses the industry model; switch it to the category model first.");
        }
        Instant now = clock.instant();
        store.lockSetup(accountId, now);
        Map<String, ServiceCategory> catalogue = new LinkedHashMap<>();
        CategoryPlan plan;
        try {
            apply(accountId, gateway.list(accountId));
            gateway.categoryCatalogue(accountId).forEach(c -> catalogue.put(c.id(), category(c)));
            plan = plan(accountId, current(accountId, store.categories(accountId), catalogue), catalogue, categoryIds);
        } catch (GatewayException e) {
            throw wechatFailure(e, CATEGORY_FIELD);
        }
        if (!plan.allowed()) {
            throw new UserErrorsException(plan.problems());
        }
        CategoryChange<StoredTemplate> change = plan.change();
        if (!change.isChange()) {
            return setup(accountId);
        }
        Set<UUID> confirmed = confirmedTemplateIds == null ? Set.of() : new HashSet<>(confirmedTemplateIds);
        List<StoredTemplate> unconfirmed = change.deletedTemplates().stream().filter(t -> !confirmed.contains(t.id())).toList();
        if (!unconfirmed.isEmpty()) {
            throw new UserErrorsException("CATEGORY_CHANGE_UNCONFIRMED", "confirmDeletedTemplateIds",
                    "This change makes WeChat delete " + change.deletedTemplates().size() + " template(s): "
                            + titles(change.deletedTemplates()) + ". Confirm their deletion to go on.");
        }
        List<String> done = new ArrayList<>();
        GatewayException failure = null;
        try {
            for (ServiceCategory removed : change.removed()) {
                gateway.deleteCategory(accountId, remote(removed));
                store.recordChange(accountId, SetupModel.CATEGORY, now,
                        JsonFactories.object().add("removed", TemplateStore.categoriesJson(List.of(removed))).build(), actor());
                done.add("removed " + removed.displayName());
            }
            if (!change.added().isEmpty()) {
                gateway.addCategories(accountId, change.added().stream().map(TemplateService::remote).toList());
                store.recordChange(accountId, SetupModel.CATEGORY, now,
                        JsonFactories.object().add("added", TemplateStore.categoriesJson(change.added())).build(), actor());
                done.add("added " + change.added().stream().map(ServiceCategory::displayName).toList());
            }
        } catch (GatewayException e) {
            failure = e;
        }
        try {
            store.saveCategories(accountId, current(accountId, plan.next(), catalogue), now);
            apply(accountId, gateway.list(accountId));
        } catch (GatewayException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw categoryFailure(failure, done, now);
        }
        return setup(accountId);
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
            if (e.refusal() == Refusal.INDUSTRY_CHANGED_TOO_OFTEN) {
                throw new UserErrorsException("INDUSTRY_CHANGE_TOO_SOON", null,
                        "WeChat refused: the industries were already changed this month (outside Fanmail); the next change is possible from "
                                + chinaDate(ChangeLimits.startOfNextMonth(now)) + " (Asia/Shanghai).");
            }
            if (e.refusal() == Refusal.INDUSTRY_INVALID) {
                throw new UserErrorsException("INDUSTRY_INVALID", IndustryCatalog.FIELD_PRIMARY, "WeChat does not know these industries.");
            }
            throw wechatFailure(e, null);
        }
        store.saveIndustries(accountId, primaryId, secondaryId, now);
        store.recordChange(accountId, SetupModel.INDUSTRY, now,
                JsonFactories.object().add("primary", primaryId).add("secondary", secondaryId).build(), actor());
        return setup(accountId);
    }

    public AddResult add(UUID accountId, String shortId, List<String> keywordNames) {
        eligible(accountId);
        String id = shortId == null ? "" : shortId.strip();
        List<UserError> invalid = new ArrayList<>();
        if (id.isEmpty()) {
            invalid.add(UserError.of("TEMPLATE_SHORT_ID_REQUIRED", "shortId", "Give the library template's id, e.g. TM00015."));
        }
        List<String> keywords = new ArrayList<>();
        List<String> given = keywordNames == null ? List.of() : keywordNames;
        if (!given.isEmpty() && store.model(accountId) != SetupModel.CATEGORY) {
            invalid.add(UserError.of("TEMPLATE_KEYWORDS_NOT_USED", "keywordNames",
                    "Keywords are chosen only for category templates; this account uses the industry model."));
        }
        for (int i = 0; i < given.size(); i++) {
            String k = given.get(i) == null ? "" : given.get(i).strip();
            if (k.isEmpty()) {
                invalid.add(UserError.of("TEMPLATE_KEYWORD_REQUIRED", "keywordNames." + i, "A keyword name cannot be empty."));
            } else if (keywords.contains(k)) {
                invalid.add(UserError.of("TEMPLATE_KEYWORD_DUPLICATE", "keywordNames." + i, "'" + k + "' is listed twice."));
            } else {
                keywords.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw new UserErrorsException(invalid);
        }
        if (store.count(accountId) >= TEMPLATE_LIMIT) {
            throw limitReached();
        }
        String templateId;
        try {
            templateId = gateway.add(accountId, id, keywords);
        } catch (GatewayException e) {
            switch (e.refusal()) {
                case TEMPLATE_LIMIT -> throw limitReached();
                case TEMPLATE_OUTSIDE_SETUP -> throw new UserErrorsException("TEMPLATE_OUTSIDE_SETUP", "shortId",
                        "Template " + id + " belongs to an industry or category the account has not chosen.");
                case KEYWORD_UNKNOWN -> throw new UserErrorsException("TEMPLATE_KEYWORD_UNKNOWN", "keywordNames",
                        "WeChat's template " + id + " has no such keyword: " + e.errmsg());
                case TEMPLATE_UNKNOWN -> throw new UserErrorsException("TEMPLATE_SHORT_ID_UNKNOWN", "shortId",
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
            if (e.refusal() != Refusal.TEMPLATE_UNKNOWN) {
                throw wechatFailure(e, "id");
            }
        }
        store.delete(t.id());
        return t.id();
    }

    /**
     * Saves a preset. With {@code expectedVersion} (the version the edit started from, 0 for none) a
     * save that another one overtook is refused (PRESET_CHANGED) instead of overwriting it.
     */
    public StoredPreset savePreset(UUID templateId, FieldPreset preset, TemplateLink link, Integer expectedVersion) {
        StoredTemplate t = template(templateId);
        eligible(t.accountId());
        List<UserError> errors = new ArrayList<>(preset.problemsAgainst(t.parsed()));
        for (UserError e : link.problems()) {
            errors.add(UserError.of(e.code(), e.field() == null ? "link" : "link." + e.field(), e.message()));
        }
        if (!errors.isEmpty()) {
            throw new UserErrorsException(errors);
        }
        if (expectedVersion != null && expectedVersion < 0) {
            throw new UserErrorsException("PRESET_VERSION_INVALID", "expectedVersion", "A version is 0 (no preset yet) or more.");
        }
        if (!store.savePreset(t.id(), preset, link, clock.instant(), expectedVersion)) {
            long now = store.preset(t.id()).map(StoredPreset::version).orElse(0L);
            throw new UserErrorsException("PRESET_CHANGED", "expectedVersion",
                    "Someone else saved this preset meanwhile (it is at version " + now + "); reload it to see their changes.");
        }
        return store.preset(t.id()).orElseThrow();
    }

    /** The account's most recent setup changes made through Fanmail, newest first. */
    public List<StoredSetupChange> recentChanges(UUID accountId, int limit) {
        account(accountId, "accountId");
        return store.recentChanges(accountId, limit);
    }

    // ------------------------------------------------------------------ helpers

    private static String actor() {
        return CurrentViewer.get().map(Viewer::username).orElse(null);
    }


    private ChangeAllowance categoryAllowance(UUID accountId) {
        return new ChangeLimits(clock).check(SetupModel.CATEGORY, store.changes(accountId, SetupModel.CATEGORY));
    }

    /** The account's categories from WeChat, with parents from what Fanmail knew. */
    private List<ServiceCategory> current(UUID accountId, List<ServiceCategory> known) {
        Map<String, ServiceCategory> byId = new LinkedHashMap<>();
        known.forEach(c -> byId.put(c.id(), c));
        boolean parentsKnown = true;
        List<RemoteCategory> remote = gateway.categories(accountId);
        for (RemoteCategory r : remote) {
            ServiceCategory k = byId.get(r.id());
            parentsKnown &= r.parentId() != null || (k != null && k.parentId() != null);
        }
        if (!parentsKnown) {
            gateway.categoryCatalogue(accountId).forEach(c -> byId.put(c.id(), category(c)));
        }
        return merge(remote, byId);
    }

    private List<ServiceCategory> current(UUID accountId, List<ServiceCategory> known, Map<String, ServiceCategory> catalogue) {
        Map<String, ServiceCategory> byId = new LinkedHashMap<>(catalogue);
        known.forEach(c -> byId.putIfAbsent(c.id(), c));
        return merge(gateway.categories(accountId), byId);
    }

    private static List<ServiceCategory> merge(List<RemoteCategory> remote, Map<String, ServiceCategory> byId) {
        return remote.stream().map(r -> {
            ServiceCategory k = byId.get(r.id());
            return new ServiceCategory(r.id(), r.name() != null ? r.name() : k == null ? null : k.name(),
                    r.parentId() != null ? r.parentId() : k == null ? null : k.parentId(),
                    r.parentName() != null ? r.parentName() : k == null ? null : k.parentName());
        }).toList();
    }

    private CategoryPlan plan(UUID accountId, List<ServiceCategory> current, Map<String, ServiceCategory> catalogue, List<String> ids) {
        List<UserError> problems = new ArrayList<>();
        List<ServiceCategory> next = new ArrayList<>();
        List<String> given = ids == null ? List.of() : ids;
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip();
            ServiceCategory c = catalogue.get(id);
            if (c == null && !id.isEmpty()) {
                problems.add(UserError.of("CATEGORY_UNKNOWN", CATEGORY_FIELD + "." + i, "WeChat has no category " + id + " for this account."));
            }
            next.add(c != null ? c : new ServiceCategory(id, null));
        }
        CategorySelection selection = CategorySelection.of(next);
        for (UserError e : selection.problems()) {
            String field = e.field() == null ? null : CATEGORY_FIELD + e.field().substring(CategorySelection.FIELD.length());
            problems.add(UserError.of(e.code(), field, e.message()));
        }
        CategoryChange<StoredTemplate> change = CategorySelection.of(current).changeTo(selection, store.all(accountId),
                t -> current.stream().filter(c -> c.holds(t.primaryIndustry(), t.deputyIndustry())).map(ServiceCategory::id).findFirst()
                        .orElse(null));
        ChangeAllowance allowance = categoryAllowance(accountId);
        if (problems.isEmpty() && change.changesCounted() > allowance.remaining()) {
            problems.add(UserError.of("CATEGORY_CHANGE_LIMIT_REACHED", CATEGORY_FIELD,
                    "This change takes " + change.changesCounted() + " of WeChat's " + allowance.limit() + " category changes a month and "
                            + allowance.remaining() + " are left in " + allowance.month() + "; more are possible from "
                            + chinaDate(allowance.resetsAt()) + " (Asia/Shanghai)."));
        }
        return new CategoryPlan(problems, selection.categories(), change, allowance);
    }

    private static UserErrorsException categoryFailure(GatewayException e, List<String> done, Instant now) {
        String partly = done.isEmpty() ? "" : " Done before that: " + String.join("; ", done) + ".";
        return switch (e.refusal()) {
            case CATEGORY_MONTHLY_LIMIT -> new UserErrorsException("CATEGORY_CHANGE_LIMIT_REACHED", CATEGORY_FIELD,
                    "WeChat refused: the categories were already changed " + SetupModel.CATEGORY.defaultChangesPerMonth()
                            + " times this month (also outside Fanmail); more changes are possible from "
                            + chinaDate(ChangeLimits.startOfNextMonth(now)) + " (Asia/Shanghai)." + partly);
            case CATEGORY_COUNT_LIMIT -> new UserErrorsException("CATEGORY_LIMIT_EXCEEDED", CATEGORY_FIELD,
                    "WeChat refused: an account has at most " + CategorySelection.MAX_CATEGORIES + " categories." + partly);
            case CATEGORY_DUPLICATE -> new UserErrorsException("CATEGORY_DUPLICATE", CATEGORY_FIELD,
                    "WeChat refused: a category is already selected (changed outside Fanmail?). Reload and try again." + partly);
            case CATEGORY_INVALID -> new UserErrorsException("CATEGORY_UNKNOWN", CATEGORY_FIELD,
                    "WeChat refused the categories as invalid: " + e.errmsg() + "." + partly);
            default -> {
                UserErrorsException w = wechatFailure(e, CATEGORY_FIELD);
                UserError first = w.errors().get(0);
                yield new UserErrorsException(first.code(), first.field(), first.message() + partly);
            }
        };
    }

    private static ServiceCategory category(RemoteCategory c) {
        return new ServiceCategory(c.id(), c.name(), c.parentId(), c.parentName());
    }

    private static RemoteCategory remote(ServiceCategory c) {
        return new RemoteCategory(c.id(), c.name(), c.parentId(), c.parentName());
    }

    private static String titles(List<StoredTemplate> templates) {
        return String.join(", ", templates.stream().map(StoredTemplate::title).toList());
    }

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

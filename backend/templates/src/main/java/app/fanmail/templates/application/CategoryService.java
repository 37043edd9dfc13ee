package app.fanmail.templates.application;

import app.fanmail.kernel.json.JsonFactories;

import static app.fanmail.templates.application.TemplateAccess.actor;
import static app.fanmail.templates.application.TemplateAccess.chinaDate;
import static app.fanmail.templates.application.TemplateAccess.wechatFailure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.application.TemplateGateway.RemoteCategory;
import app.fanmail.templates.domain.CategoryChange;
import app.fanmail.templates.domain.CategorySelection;
import app.fanmail.templates.domain.ChangeAllowance;
import app.fanmail.templates.domain.ChangeLimits;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The category model: the catalogue WeChat offers the account, planning a change (what it would
 * delete, what it costs of the month's five changes) and making it. WeChat is called outside any
 * transaction; every call WeChat accepted is recorded at once in its own short transaction, so it
 * counts against the month even when a later call fails. WeChat's own monthly limit is the final
 * word when two changes race.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class CategoryService {
    /** Field of the category ids in the category mutations' input. */
    static final String CATEGORY_FIELD = "categoryIds";

    @Inject
    TemplateAccess access;
    @Inject
    TemplateRepository store;
    @Inject
    TemplateWrites writes;
    @Inject
    TemplateGateway gateway;
    @Inject
    SetupService setups;
    @Inject
    LibraryService library;
    @Inject
    Clock clock;

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

    /** Every category WeChat lets the account choose, grouped by parent in WeChat's order. */
    public List<ServiceCategory> categoryCatalogue(UUID accountId) {
        access.eligible(accountId);
        try {
            return gateway.categoryCatalogue(accountId).stream().map(CategoryService::category).toList();
        } catch (GatewayException e) {
            throw wechatFailure(e, "accountId");
        }
    }

    /** What {@link #setCategories} would do with these ids, without changing anything. */
    public CategoryPlan planCategories(UUID accountId, List<String> categoryIds) {
        access.eligible(accountId);
        Map<String, ServiceCategory> catalogue = new LinkedHashMap<>();
        try {
            gateway.categoryCatalogue(accountId).forEach(c -> catalogue.put(c.id(), category(c)));
            return plan(accountId, current(accountId, store.categories(accountId), catalogue), catalogue, categoryIds);
        } catch (GatewayException e) {
            throw wechatFailure(e, CATEGORY_FIELD);
        }
    }

    /**
     * Changes the account's categories to exactly {@code categoryIds} (in that order for new ones):
     * one deletecategory per removed category, then one addcategory for the new ones. WeChat deletes
     * the templates of removed categories, so every such template must be in
     * {@code confirmedTemplateIds} (the list the operator saw), else nothing happens. Each WeChat call
     * that succeeded is recorded (it counts against the month) even when a later one fails.
     */
    public SetupService.Setup setCategories(UUID accountId, List<String> categoryIds, List<UUID> confirmedTemplateIds) {
        access.eligible(accountId);
        if (store.model(accountId) != SetupModel.CATEGORY) {
            throw new UserErrorsException("SETUP_MODEL_MISMATCH", "accountId",
                    "This account uses the industry model; switch it to the category model first.");
        }
        Instant now = clock.instant();
        Map<String, ServiceCategory> catalogue = new LinkedHashMap<>();
        CategoryPlan plan;
        try {
            library.syncLibrary(accountId);
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
            return setups.setup(accountId);
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
                writes.categoriesChanged(accountId, now,
                        JsonFactories.object().add("removed", TemplateRepository.categoriesJson(List.of(removed))).build(), actor());
                done.add("removed " + removed.displayName());
            }
            if (!change.added().isEmpty()) {
                gateway.addCategories(accountId, change.added().stream().map(CategoryService::remote).toList());
                writes.categoriesChanged(accountId, now,
                        JsonFactories.object().add("added", TemplateRepository.categoriesJson(change.added())).build(), actor());
                done.add("added " + change.added().stream().map(ServiceCategory::displayName).toList());
            }
        } catch (GatewayException e) {
            failure = e;
        }
        try {
            writes.saveCategories(accountId, current(accountId, plan.next(), catalogue), now);
            library.syncLibrary(accountId);
        } catch (GatewayException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw categoryFailure(failure, done, now);
        }
        return setups.setup(accountId);
    }

    /** Reads the account's categories from WeChat and stores them. */
    void refresh(UUID accountId) {
        writes.saveCategories(accountId, current(accountId, store.categories(accountId)), clock.instant());
    }

    ChangeAllowance allowance(UUID accountId) {
        return new ChangeLimits(clock).check(SetupModel.CATEGORY, store.changes(accountId, SetupModel.CATEGORY));
    }

    /** The account's categories from WeChat, with parents from what Fanmail knew. */
    List<ServiceCategory> current(UUID accountId, List<ServiceCategory> known) {
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
        ChangeAllowance allowance = allowance(accountId);
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
            case CATEGORY_WRITES_UNAVAILABLE -> new UserErrorsException("CATEGORY_CHANGE_IN_PLATFORM", CATEGORY_FIELD,
                    "WeChat does not let this account change its service categories through the API (" + e.errcode()
                            + "): change them in the Official Accounts Platform (mp.weixin.qq.com), then sync them here." + partly);
            case CATEGORY_INVALID -> new UserErrorsException("CATEGORY_UNKNOWN", CATEGORY_FIELD,
                    "WeChat refused the categories as invalid: " + e.errmsg() + "." + partly);
            default -> {
                UserErrorsException w = wechatFailure(e, CATEGORY_FIELD);
                UserError first = w.errors().get(0);
                yield new UserErrorsException(first.code(), first.field(), first.message() + partly);
            }
        };
    }

    static ServiceCategory category(RemoteCategory c) {
        return new ServiceCategory(c.id(), c.name(), c.parentId(), c.parentName());
    }

    private static RemoteCategory remote(ServiceCategory c) {
        return new RemoteCategory(c.id(), c.name(), c.parentId(), c.parentName());
    }

    private static String titles(List<StoredTemplate> templates) {
        return String.join(", ", templates.stream().map(StoredTemplate::title).toList());
    }
}

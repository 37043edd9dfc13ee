package app.fanmail.templates.application;

import app.fanmail.kernel.json.JsonFactories;

import static app.fanmail.templates.application.TemplateAccess.actor;
import static app.fanmail.templates.application.TemplateAccess.chinaDate;
import static app.fanmail.templates.application.TemplateAccess.wechatFailure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountView;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.templates.application.TemplateAccess.Eligibility;
import app.fanmail.templates.application.TemplateGateway.GatewayException;
import app.fanmail.templates.application.TemplateGateway.IndustryName;
import app.fanmail.templates.application.TemplateGateway.IndustryNames;
import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.templates.domain.ChangeAllowance;
import app.fanmail.templates.domain.ChangeLimits;
import app.fanmail.templates.domain.Industry;
import app.fanmail.templates.domain.IndustryCatalog;
import app.fanmail.templates.domain.ServiceCategory;
import app.fanmail.templates.domain.SetupModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The account's template setup: eligibility, the setup model, the two industries (one change a
 * month) and the history of changes. WeChat is called outside any transaction; Fanmail's monthly
 * count is checked before, WeChat's own limit is the final word (a change made meanwhile, here or
 * elsewhere, is refused by WeChat and shown as INDUSTRY_CHANGE_TOO_SOON).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class SetupService {
    @Inject
    TemplateAccess access;
    @Inject
    TemplateRepository store;
    @Inject
    TemplateWrites writes;
    @Inject
    TemplateGateway gateway;
    @Inject
    CategoryService categories;
    @Inject
    Clock clock;

    public record Setup(UUID accountId, Eligibility eligibility, SetupModel model, Industry primary, Industry secondary,
                        Instant nextIndustryChangeAt, List<ServiceCategory> categories, ChangeAllowance categoryAllowance,
                        int templateCount) {
    }

    public IndustryCatalog catalog() {
        return access.catalog();
    }

    /** The industries WeChat has for the account (stored ids when WeChat cannot be asked), with eligibility and limits. */
    public Setup setup(UUID accountId) {
        AccountView a = access.account(accountId, "accountId");
        Eligibility e = access.eligibility(a);
        Industry primary = null;
        Industry secondary = null;
        Optional<int[]> stored = store.industryIds(accountId);
        if (stored.isPresent()) {
            primary = catalog().byId(stored.get()[0]).orElse(null);
            secondary = catalog().byId(stored.get()[1]).orElse(null);
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
        List<ServiceCategory> current = store.categories(accountId);
        if (e.eligible() && model == SetupModel.CATEGORY) {
            try {
                current = categories.current(accountId, current);
            } catch (GatewayException ignored) {
                // WeChat unreachable: show the categories Fanmail last saw
            }
        }
        return new Setup(accountId, e, model, primary, secondary, allowance.nextChangeAt(), current, categories.allowance(accountId),
                (int) store.count(accountId));
    }

    /** Chooses the industry or the category model for the account (a Fanmail setting; WeChat has both). */
    public Setup setModel(UUID accountId, SetupModel model) {
        access.eligible(accountId);
        if (model == null) {
            throw new UserErrorsException("SETUP_MODEL_REQUIRED", "model", "Choose the industry or the category model.");
        }
        writes.saveModel(accountId, model, clock.instant());
        if (model == SetupModel.CATEGORY) {
            try {
                categories.refresh(accountId);
            } catch (GatewayException ignored) {
                // shown from WeChat on the next read; the setting itself does not need WeChat
            }
        }
        return setup(accountId);
    }

    public Setup setIndustries(UUID accountId, Integer primaryId, Integer secondaryId) {
        access.eligible(accountId);
        List<UserError> invalid = new ArrayList<>();
        for (UserError e : catalog().checkSelection(primaryId, secondaryId)) {
            invalid.add(e.code().equals("INDUSTRY_UNKNOWN") ? UserError.of("INDUSTRY_INVALID", e.field(), e.message()) : e);
        }
        if (!invalid.isEmpty()) {
            throw new UserErrorsException(invalid);
        }
        Instant now = clock.instant();
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
        writes.industriesChanged(accountId, primaryId, secondaryId, now,
                JsonFactories.object().add("primary", primaryId).add("secondary", secondaryId).build(), actor());
        return setup(accountId);
    }

    /** The account's most recent setup changes made through Fanmail, newest first. */
    public List<StoredSetupChange> recentChanges(UUID accountId, int limit) {
        access.account(accountId, "accountId");
        return store.recentChanges(accountId, limit);
    }

    private Optional<Industry> resolve(IndustryName n) {
        return n == null ? Optional.empty() : catalog().byClasses(n.firstClass(), n.secondClass());
    }
}

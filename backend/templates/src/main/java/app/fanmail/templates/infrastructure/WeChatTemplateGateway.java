package app.fanmail.templates.infrastructure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountsStale;
import app.fanmail.templates.application.TemplateGateway;
import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.templates.infrastructure.WeChatReadCache.Kind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link TemplateGateway} over the wechat module's {@link WeChatTemplates}. The answers that
 * change rarely (industries, category catalogue, public library) are remembered per account for
 * {@code fanmail.templates.wechat-cache-ttl}; every change Fanmail makes through this gateway, and
 * every change of the account (on any node: {@link AccountsStale}), forgets the account's answers.
 */
@ApplicationScoped
public class WeChatTemplateGateway implements TemplateGateway {
    @Inject
    WeChatTemplates wechat;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "fanmail.templates.wechat-cache-ttl", defaultValue = "PT5M")
    Duration cacheTtl;
    @Inject
    @ConfigProperty(name = "fanmail.templates.wechat-cache-max-accounts", defaultValue = "1000")
    int cacheMaxAccounts;

    private WeChatReadCache cache;

    @PostConstruct
    void init() {
        cache = new WeChatReadCache(clock, cacheTtl, cacheMaxAccounts);
    }

    void accountChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged event) {
        cache.forget(event.accountId());
    }

    /** An account changed on some node, or news of changes may have been missed (ADR 0012). */
    void accountsStale(@Observes AccountsStale stale) {
        if (stale.everyAccountStale()) {
            cache.forgetAll();
        } else {
            cache.forget(stale.accountId());
        }
    }

    @Override
    public Optional<List<LibraryEntry>> library(UUID accountId) {
        return cache.get(accountId, Kind.LIBRARY, () -> loadLibrary(accountId));
    }

    private Optional<List<LibraryEntry>> loadLibrary(UUID accountId) {
        return call(() -> wechat.browsableLibrary(accountId)).map(list -> list.stream()
                .map(e -> new LibraryEntry(e.shortId(), e.title(), e.primaryIndustry(), e.deputyIndustry(),
                        e.categoryId() == null ? null : Long.toString(e.categoryId()), e.content(), e.keywordNames()))
                .toList());
    }

    @Override
    public IndustryNames industries(UUID accountId) {
        return cache.get(accountId, Kind.INDUSTRIES, () -> {
            WeChatTemplates.Industries i = call(() -> wechat.industries(accountId));
            return new IndustryNames(name(i == null ? null : i.primary()), name(i == null ? null : i.secondary()));
        });
    }

    @Override
    public void setIndustries(UUID accountId, int primaryId, int secondaryId) {
        changing(accountId, () -> wechat.setIndustries(accountId, primaryId, secondaryId));
    }

    @Override
    public List<RemoteCategory> categoryCatalogue(UUID accountId) {
        return cache.get(accountId, Kind.CATEGORY_CATALOGUE,
                () -> call(() -> wechat.categoryCatalogue(accountId)).stream().map(WeChatTemplateGateway::category).toList());
    }

    @Override
    public List<RemoteCategory> categories(UUID accountId) {
        return call(() -> wechat.categories(accountId)).stream().map(WeChatTemplateGateway::category).toList();
    }

    @Override
    public void addCategories(UUID accountId, List<RemoteCategory> categories) {
        List<WeChatTemplates.Category> list = categories.stream().map(WeChatTemplateGateway::category).toList();
        categoryWrite(accountId, () -> wechat.addCategories(accountId, list));
    }

    @Override
    public void deleteCategory(UUID accountId, RemoteCategory category) {
        categoryWrite(accountId, () -> wechat.deleteCategory(accountId, category(category)));
    }

    /**
     * A category write. WeChat documents these endpoints for mini programs; an official account is refused them
     * as unauthorised (PERMISSION): its categories are changed in the Official Accounts Platform, then synced.
     */
    private void categoryWrite(UUID accountId, Runnable change) {
        try {
            changing(accountId, change);
        } catch (GatewayException e) {
            if (e.getCause() instanceof WeChatException w && w.kind() == WeChatException.Kind.PERMISSION) {
                throw new GatewayException(Refusal.CATEGORY_WRITES_UNAVAILABLE, e.errcode(), e.errmsg(), false, w);
            }
            throw e;
        }
    }

    private static RemoteCategory category(WeChatTemplates.Category c) {
        return new RemoteCategory(Long.toString(c.id()), c.name(), c.parentId() == 0 ? null : Long.toString(c.parentId()),
                c.parentName());
    }

    private static WeChatTemplates.Category category(RemoteCategory c) {
        return new WeChatTemplates.Category(number(c.id()), c.name(), c.parentId() == null ? 0 : number(c.parentId()), c.parentName());
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new GatewayException(Refusal.CATEGORY_INVALID, 0, "category id " + id + " is not a number", false, e);
        }
    }

    @Override
    public String add(UUID accountId, String shortId, List<String> keywordNames) {
        return call(() -> wechat.add(accountId, shortId, keywordNames == null ? List.of() : keywordNames));
    }

    @Override
    public List<RemoteTemplate> list(UUID accountId) {
        return call(() -> wechat.list(accountId)).stream()
                .map(t -> new RemoteTemplate(t.templateId(), t.title(), t.primaryIndustry(), t.deputyIndustry(), t.content(), t.example()))
                .toList();
    }

    @Override
    public void delete(UUID accountId, String templateId) {
        call(() -> {
            wechat.delete(accountId, templateId);
            return null;
        });
    }

    @Override
    public List<BlockedMessage> blocked(UUID accountId, String templateId, long largestId, int limit) {
        return call(() -> wechat.blocked(accountId, templateId, largestId, limit)).stream()
                .map(b -> new BlockedMessage(b.id(), b.templateMessageId(), b.title(), b.content(), b.sentAt(), b.openid()))
                .toList();
    }

    private static IndustryName name(WeChatTemplates.Industry i) {
        if (i == null || i.firstClass() == null || i.firstClass().isBlank()) {
            return null;
        }
        return new IndustryName(i.firstClass(), i.secondClass());
    }

    /** Runs a change of the account's setup; its remembered answers are forgotten before and after (also when it fails). */
    private void changing(UUID accountId, Runnable change) {
        cache.forget(accountId);
        try {
            call(() -> {
                change.run();
                return null;
            });
        } finally {
            cache.forget(accountId);
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (WeChatException e) {
            throw new GatewayException(refusal(e.refusal()), e.errcode(), e.errmsg(), e.retryable(), e);
        }
    }

    /**
     * WeChat's refusals in this module's terms, mapped one by one (not by name: the two enums
     * change independently); a refusal templates has no rule for is NONE, shown with WeChat's errcode.
     */
    static Refusal refusal(WeChatException.Refusal r) {
        if (r == null) {
            return Refusal.NONE;
        }
        return switch (r) {
            case INDUSTRY_CHANGED_TOO_OFTEN -> Refusal.INDUSTRY_CHANGED_TOO_OFTEN;
            case INDUSTRY_INVALID -> Refusal.INDUSTRY_INVALID;
            case TEMPLATE_LIMIT -> Refusal.TEMPLATE_LIMIT;
            case TEMPLATE_OUTSIDE_SETUP -> Refusal.TEMPLATE_OUTSIDE_SETUP;
            case TEMPLATE_UNKNOWN -> Refusal.TEMPLATE_UNKNOWN;
            case KEYWORD_UNKNOWN -> Refusal.KEYWORD_UNKNOWN;
            case CATEGORY_MONTHLY_LIMIT -> Refusal.CATEGORY_MONTHLY_LIMIT;
            case CATEGORY_COUNT_LIMIT -> Refusal.CATEGORY_COUNT_LIMIT;
            case CATEGORY_INVALID -> Refusal.CATEGORY_INVALID;
            case CATEGORY_DUPLICATE -> Refusal.CATEGORY_DUPLICATE;
            default -> Refusal.NONE;
        };
    }
}

package app.fanmail.templates.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import app.fanmail.templates.application.TemplateGateway;
import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.wechat.api.Sandbox;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link TemplateGateway} over the wechat module's {@link WeChatTemplates}. */
@ApplicationScoped
public class WeChatTemplateGateway implements TemplateGateway {
    @Inject
    WeChatTemplates wechat;
    @Inject
    Sandbox sandbox;

    @Override
    public Optional<List<LibraryEntry>> library(UUID accountId) {
        try {
            return Optional.of(sandbox.library(accountId).stream()
                    .map(e -> new LibraryEntry(e.shortId(), e.title(), e.primaryIndustry(), e.deputyIndustry(),
                            e.categoryId() == null ? null : Long.toString(e.categoryId()), e.content(), e.keywordNames()))
                    .toList());
        } catch (WeChatException e) {
            if (e.kind() == WeChatException.Kind.PERMISSION) {
                return Optional.empty();
            }
            throw new GatewayException(Refusal.NONE, e.errcode(), e.errmsg(), e.retryable(), e);
        }
    }

    @Override
    public IndustryNames industries(UUID accountId) {
        WeChatTemplates.Industries i = call(() -> wechat.industries(accountId));
        return new IndustryNames(name(i == null ? null : i.primary()), name(i == null ? null : i.secondary()));
    }

    @Override
    public void setIndustries(UUID accountId, int primaryId, int secondaryId) {
        call(() -> {
            wechat.setIndustries(accountId, primaryId, secondaryId);
            return null;
        });
    }

    @Override
    public List<RemoteCategory> categoryCatalogue(UUID accountId) {
        return call(() -> wechat.categoryCatalogue(accountId)).stream().map(WeChatTemplateGateway::category).toList();
    }

    @Override
    public List<RemoteCategory> categories(UUID accountId) {
        return call(() -> wechat.categories(accountId)).stream().map(WeChatTemplateGateway::category).toList();
    }

    @Override
    public void addCategories(UUID accountId, List<RemoteCategory> categories) {
        List<WeChatTemplates.Category> list = categories.stream().map(WeChatTemplateGateway::category).toList();
        call(() -> {
            wechat.addCategories(accountId, list);
            return null;
        });
    }

    @Override
    public void deleteCategory(UUID accountId, RemoteCategory category) {
        call(() -> {
            wechat.deleteCategory(accountId, category(category));
            return null;
        });
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

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (WeChatException e) {
            throw new GatewayException(Refusal.valueOf(e.refusal().name()), e.errcode(), e.errmsg(), e.retryable(), e);
        }
    }
}

package app.fanmail.audiences.infrastructure;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import app.fanmail.audiences.application.TagGateway;
import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.api.WeChatLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link TagGateway} over the wechat module's {@link WeChatFans}: WeChat's limits come from {@link WeChatLimits}, its
 * exceptions become {@link TagGateway.Refused} with the rule the wechat module read from the errcode.
 */
@ApplicationScoped
public class WeChatTagGateway implements TagGateway {
    static final TagRules RULES = new TagRules(WeChatLimits.TAG_NAME_MAX_BYTES, WeChatLimits.TAGS_PER_ACCOUNT,
            WeChatLimits.RESERVED_TAG_IDS_BELOW, WeChatLimits.TAG_DELETE_MAX_FANS, WeChatLimits.TAGS_PER_FAN);

    @Inject
    WeChatFans fans;

    @Override
    public TagRules rules() {
        return RULES;
    }

    @Override
    public List<RemoteTag> tags(UUID accountId) {
        return call(() -> fans.tags(accountId).stream().map(t -> new RemoteTag(t.id(), t.name(), t.count())).toList());
    }

    @Override
    public RemoteTag create(UUID accountId, String name) {
        return call(() -> {
            WeChatFans.Tag t = fans.createTag(accountId, name);
            return new RemoteTag(t.id(), t.name() == null ? name : t.name(), t.count());
        });
    }

    @Override
    public void rename(UUID accountId, int tagId, String name) {
        call(() -> {
            fans.renameTag(accountId, tagId, name);
            return null;
        });
    }

    @Override
    public void delete(UUID accountId, int tagId) {
        call(() -> {
            fans.deleteTag(accountId, tagId);
            return null;
        });
    }

    @Override
    public void tag(UUID accountId, int tagId, List<String> openids, boolean untag) {
        call(() -> {
            if (untag) {
                fans.untag(accountId, tagId, openids);
            } else {
                fans.tag(accountId, tagId, openids);
            }
            return null;
        });
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (WeChatException e) {
            throw new Refused(kind(e), reason(e.refusal()), e.errcode(), e.errmsg(), e);
        }
    }

    /**
     * How bulk tagging treats a failure: about one fan (a bad or unknown openid, a fan at 20 tags) is split to find it;
     * WeChat busy or throttling is retried later; anything else (the tag is gone, no permission, credentials) fails the
     * job.
     */
    static FailureKind kind(WeChatException e) {
        if (e.refusal() == WeChatException.Refusal.FAN_TAG_LIMIT || e.kind() == WeChatException.Kind.RECIPIENT_FINAL) {
            return FailureKind.PER_FAN;
        }
        return e.retryable() ? FailureKind.RETRY : FailureKind.JOB;
    }

    /** WeChat's refusals in this module's terms, one by one (the two enums change independently). */
    static TagRules.Reason reason(WeChatException.Refusal r) {
        if (r == null) {
            return TagRules.Reason.OTHER;
        }
        return switch (r) {
            case TAG_LIMIT -> TagRules.Reason.TAG_LIMIT;
            case TAG_TOO_MANY_FANS -> TagRules.Reason.TOO_MANY_FANS;
            case TAG_RESERVED -> TagRules.Reason.RESERVED;
            case TAG_NAME_TOO_LONG -> TagRules.Reason.NAME_TOO_LONG;
            case TAG_NAME_INVALID -> TagRules.Reason.NAME_INVALID;
            case TAG_UNKNOWN -> TagRules.Reason.TAG_UNKNOWN;
            case FAN_TAG_LIMIT -> TagRules.Reason.FAN_TAG_LIMIT;
            default -> TagRules.Reason.OTHER;
        };
    }
}

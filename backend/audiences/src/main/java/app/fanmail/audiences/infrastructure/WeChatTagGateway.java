package app.fanmail.audiences.infrastructure;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import app.fanmail.audiences.application.TagGateway;
import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link TagGateway} over the wechat module's {@link WeChatFans}; its exceptions become {@link TagGateway.Refused}. */
@ApplicationScoped
public class WeChatTagGateway implements TagGateway {
    @Inject
    WeChatFans fans;

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
            throw new Refused(kind(e), e.errcode(), e.errmsg(), e);
        }
    }

    /**
     * How bulk tagging treats a failure: about one fan (a bad or unknown openid, a fan at 20 tags) is split to find it;
     * WeChat busy or throttling is retried later; anything else (the tag is gone, no permission, credentials) fails the
     * job.
     */
    static FailureKind kind(WeChatException e) {
        if (e.errcode() == TagRules.ERR_FAN_TAG_LIMIT || e.kind() == WeChatException.Kind.RECIPIENT_FINAL) {
            return FailureKind.PER_FAN;
        }
        return e.retryable() ? FailureKind.RETRY : FailureKind.JOB;
    }
}

package app.fanmail.audiences.infrastructure;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import app.fanmail.audiences.application.FanSource;
import app.fanmail.audiences.application.FanSourceException;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link FanSource} over the wechat module's {@link WeChatFans}; WeChat's failures become {@link FanSourceException}s. */
@ApplicationScoped
public class WeChatFanSource implements FanSource {
    @Inject
    WeChatFans fans;

    @Override
    public Page followers(UUID accountId, String next) {
        return call(() -> page(fans.followers(accountId, next)));
    }

    @Override
    public List<Tag> tags(UUID accountId) {
        return call(() -> fans.tags(accountId).stream().map(t -> new Tag(t.id(), t.name(), t.count())).toList());
    }

    @Override
    public Page tagMembers(UUID accountId, int tagId, String next) {
        return call(() -> page(fans.tagMembers(accountId, tagId, next)));
    }

    @Override
    public CompletionStage<List<Details>> details(UUID accountId, List<String> openids) {
        CompletionStage<List<WeChatFans.FanDetails>> stage;
        try {
            stage = fans.detailsAsync(accountId, openids);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(e));
        }
        return stage.handle((list, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return list.stream().map(d -> new Details(d.openid(), d.subscribed(), d.subscribedAt(), d.unionId(), d.remark(), d.language(),
                    d.tagIds(), d.subscribeScene(), d.qrScene())).toList();
        });
    }

    private static Page page(WeChatFans.FollowerPage p) {
        return new Page(p.total(), p.openids(), p.nextOpenid());
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static FanSourceException translate(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof FanSourceException f) {
            return f;
        }
        if (e instanceof WeChatException w) {
            boolean retryable = w.kind() == WeChatException.Kind.TRANSIENT || w.kind() == WeChatException.Kind.THROTTLED
                    || w.kind() == WeChatException.Kind.TOKEN_INVALID;
            return new FanSourceException("WECHAT_" + w.kind().name(), "WeChat answered " + w.errcode() + " " + w.errmsg(), retryable, w);
        }
        return new FanSourceException("WECHAT_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage(), false, e);
    }
}

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
    public CompletionStage<Page> followers(UUID accountId, String next) {
        return translated(() -> fans.followersAsync(accountId, next), WeChatFanSource::page);
    }

    @Override
    public CompletionStage<List<Tag>> tags(UUID accountId) {
        return translated(() -> fans.tagsAsync(accountId), tags -> tags.stream().map(t -> new Tag(t.id(), t.name(), t.count())).toList());
    }

    @Override
    public CompletionStage<Page> tagMembers(UUID accountId, int tagId, String next) {
        return translated(() -> fans.tagMembersAsync(accountId, tagId, next), WeChatFanSource::page);
    }

    @Override
    public CompletionStage<List<Details>> details(UUID accountId, List<String> openids) {
        return translated(() -> fans.detailsAsync(accountId, openids), list -> list.stream().map(d -> new Details(d.openid(), d.subscribed(),
                d.subscribedAt(), d.unionId(), d.remark(), d.language(), d.tagIds(), d.subscribeScene(), d.qrScene())).toList());
    }

    /** The call's stage with WeChat's failures (thrown at once or failing the stage) as {@link FanSourceException}s. */
    private static <W, T> CompletionStage<T> translated(Supplier<CompletionStage<W>> call, java.util.function.Function<W, T> map) {
        CompletionStage<W> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(e));
        }
        return stage.handle((answer, error) -> {
            if (error != null) {
                throw translate(error);
            }
            return map.apply(answer);
        });
    }

    private static Page page(WeChatFans.FollowerPage p) {
        return new Page(p.total(), p.openids(), p.nextOpenid());
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

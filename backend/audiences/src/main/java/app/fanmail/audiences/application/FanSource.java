package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * What a fan sync needs from WeChat (implemented in infrastructure over the wechat module). Failures are
 * {@link FanSourceException}s (the stages fail with them). Stages complete on the WeChat client's threads: blocking work
 * (the database) goes to an executor.
 */
public interface FanSource {
    /** A page of openids; {@code next} is null on the last page. */
    record Page(long total, List<String> openids, String next) {
    }

    record Tag(int id, String name, long count) {
    }

    /** A fan as user/info/batchget describes it; only openid and subscribed are set for one who unfollowed. */
    record Details(String openid, boolean subscribed, Instant subscribedAt, String unionId, String remark, String language,
                   List<Integer> tagIds, String subscribeScene, String qrScene) {
    }

    /** Followers, 10,000 per page, after {@code next} (null for the first page), without holding a thread while WeChat answers. */
    CompletionStage<Page> followers(UUID accountId, String next);

    /** The account's tags, without holding a thread while WeChat answers. */
    CompletionStage<List<Tag>> tags(UUID accountId);

    /** Followers with the tag, 10,000 per page, without holding a thread while WeChat answers. */
    CompletionStage<Page> tagMembers(UUID accountId, int tagId, String next);

    /** Details of up to 100 fans, without holding a thread while WeChat answers. */
    CompletionStage<List<Details>> details(UUID accountId, List<String> openids);
}

package app.fanmail.wechat.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Followers and tags on WeChat. Failures are {@link WeChatException}s. */
public interface WeChatFans {
    /** A page of openids; {@code nextOpenid} is null on the last page. */
    record FollowerPage(long total, List<String> openids, String nextOpenid) {
    }

    record Fan(String openid, boolean subscribed, Instant subscribedAt, String unionId, String remark, List<Integer> tagIds,
               String subscribeScene, String qrScene) {
    }

    record Tag(int id, String name, long count) {
    }

    /** Followers, 10,000 per page, after {@code nextOpenid} (null for the first page). */
    FollowerPage followers(UUID accountId, String nextOpenid);

    /** Details of up to 100 fans. */
    List<Fan> details(UUID accountId, List<String> openids);

    List<Tag> tags(UUID accountId);

    Tag createTag(UUID accountId, String name);

    void renameTag(UUID accountId, int tagId, String name);

    void deleteTag(UUID accountId, int tagId);

    FollowerPage tagMembers(UUID accountId, int tagId, String nextOpenid);

    /** Tags up to 50 fans at once. */
    void tag(UUID accountId, int tagId, List<String> openids);

    void untag(UUID accountId, int tagId, List<String> openids);

    List<Integer> tagsOf(UUID accountId, String openid);

    /**
     * Sets the remark the account gives a fan (user/info/updateremark). WeChat counts its limit in UTF-8 bytes
     * ({@link WeChatLimits#REMARK_MAX_BYTES}) and refuses a longer one with 40092; so does Fanmail before calling
     * (a {@link WeChatRuleException}, refusal {@link WeChatException.Refusal#REMARK_TOO_LONG}).
     */
    void updateRemark(UUID accountId, String openid, String remark);

    /** A fan's details from user/info/batchget, with the language; only openid and subscribed are set for one who unfollowed. */
    record FanDetails(String openid, boolean subscribed, Instant subscribedAt, String unionId, String remark, String language,
                      List<Integer> tagIds, String subscribeScene, String qrScene) {
    }

    /**
     * Details of up to 100 fans (user/info/batchget) without holding a thread while WeChat answers (the non-blocking
     * client of ADR 0011, subject to the account's in-flight and rate limits); the stage fails with a
     * {@link WeChatException}. Completes on the client's threads: hand any blocking work over to an executor.
     */
    java.util.concurrent.CompletionStage<List<FanDetails>> detailsAsync(UUID accountId, List<String> openids);

    /** {@link #followers} without holding a thread while WeChat answers (as {@link #detailsAsync}). */
    java.util.concurrent.CompletionStage<FollowerPage> followersAsync(UUID accountId, String nextOpenid);

    /** {@link #tagMembers} without holding a thread while WeChat answers (as {@link #detailsAsync}). */
    java.util.concurrent.CompletionStage<FollowerPage> tagMembersAsync(UUID accountId, int tagId, String nextOpenid);

    /** {@link #tags} without holding a thread while WeChat answers (as {@link #detailsAsync}). */
    java.util.concurrent.CompletionStage<List<Tag>> tagsAsync(UUID accountId);
}

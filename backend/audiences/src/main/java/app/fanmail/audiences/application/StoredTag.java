package app.fanmail.audiences.application;

import java.time.Instant;

/** A tag as Fanmail last stored it from WeChat; {@code wechatCount} is WeChat's member count at {@code syncedAt}. */
public record StoredTag(int id, String name, long wechatCount, Instant syncedAt) {
}

package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.List;

/** A fan as the {@code fan} table keeps it (what the list and the fan page show). */
public record FanRecord(String openid, String remark, boolean subscribed, Instant subscribedAt, Instant unsubscribedAt, String language,
                        List<Integer> tagIds, Instant lastInteractionAt, Instant detailsSyncedAt) {
}

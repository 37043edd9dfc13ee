package app.fanmail.wechat.api;

import java.util.UUID;

/** How much of WeChat's daily quota of an API an account has used today. Failures are {@link WeChatException}s. */
public interface WeChatQuotas {
    /** The APIs whose daily quota Fanmail reads. */
    enum QuotedApi {
        /** Template messages. */
        TEMPLATE_SEND,
        /** Customer-service messages. */
        SERVICE_SEND,
        /** Mass sends to everyone or to a tag. */
        MASS_SEND_TO_ALL,
        /** Mass sends to a list of openids. */
        MASS_SEND_TO_OPENIDS,
        /** Fetching access tokens. */
        ACCESS_TOKEN
    }

    /** Today's quota as WeChat counts it (the day is China Standard Time): the limit, how much is used and what remains. */
    record DailyQuota(long dailyLimit, long used, long remaining) {
    }

    DailyQuota dailyQuota(UUID accountId, QuotedApi api);
}

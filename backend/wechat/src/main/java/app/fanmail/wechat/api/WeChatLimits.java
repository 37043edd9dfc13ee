package app.fanmail.wechat.api;

import app.fanmail.accounts.api.AccountType;

/**
 * WeChat's fixed limits that other modules plan with (the wechat module checks them before calling WeChat too).
 * Days are calendar days in Asia/Shanghai.
 */
public final class WeChatLimits {
    /** Tag names: at most this many bytes in UTF-8 (WeChat's tag doc: "标签名长度超过30个字节" → 45158). */
    public static final int TAG_NAME_MAX_BYTES = 30;
    /** A fan's remark (user/info/updateremark): at most this many bytes in UTF-8 (40092 beyond; 10 Chinese characters). */
    public static final int REMARK_MAX_BYTES = 30;
    /** Tags an account may create (45056 beyond). */
    public static final int TAGS_PER_ACCOUNT = 100;
    /** Tags WeChat reserves (0, 1, 2: 星标组 and system tags; 45058). */
    public static final int RESERVED_TAG_IDS_BELOW = 3;
    /** A tag with more members than this cannot be deleted (45057): untag fans first. */
    public static final int TAG_DELETE_MAX_FANS = 100_000;
    /** Tags one fan may carry (45059 beyond). */
    public static final int TAGS_PER_FAN = 20;
    /** openids per batchtagging/batchuntagging call (40032 beyond). */
    public static final int TAG_BATCH_MAX = 50;
    /** Previews to a WeChat id (towxname) per account and day (WeChat's mass preview doc: 100 a day). */
    public static final int MASS_PREVIEWS_TO_WECHAT_ID_PER_DAY = 100;

    private WeChatLimits() {
    }

    /**
     * Successful mass sends an account may submit per day: a subscription account 1, a service account 100 (each fan
     * still gets at most 4 a month). Counting them comes with mass sending.
     */
    public static int massSendsPerDay(AccountType type) {
        return type == AccountType.SERVICE ? 100 : 1;
    }

    /** Whether the account may mass-send to a list of openids ({@code mass/send}); others only to all or a tag. */
    public static boolean massToOpenidsAllowed(AccountType type) {
        return type == AccountType.SERVICE;
    }
}

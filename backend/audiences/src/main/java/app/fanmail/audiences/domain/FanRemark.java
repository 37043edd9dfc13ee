package app.fanmail.audiences.domain;

import java.nio.charset.StandardCharsets;

/**
 * The remark an account gives a fan: WeChat counts it in bytes of UTF-8 (its limit is the wechat module's to state,
 * handed in as {@code maxBytes}).
 */
public final class FanRemark {
    private FanRemark() {
    }

    /** The remark as it is stored and sent: stripped of surrounding blanks; null counts as the empty remark. */
    public static String normalize(String remark) {
        return remark == null ? "" : remark.strip();
    }

    /** Whether WeChat takes this (normalized) remark, given its limit. */
    public static boolean fits(String remark, int maxBytes) {
        return bytes(remark) <= maxBytes;
    }

    public static int bytes(String remark) {
        return normalize(remark).getBytes(StandardCharsets.UTF_8).length;
    }
}

package app.fanmail.audiences.domain;

import java.nio.charset.StandardCharsets;

/** WeChat's rule for the remark an account gives a fan: at most 30 bytes of UTF-8 (ten Chinese characters). */
public final class FanRemark {
    public static final int MAX_BYTES = 30;

    private FanRemark() {
    }

    /** The remark as it is stored and sent: stripped of surrounding blanks; null counts as the empty remark. */
    public static String normalize(String remark) {
        return remark == null ? "" : remark.strip();
    }

    /** Whether WeChat takes this (normalized) remark. */
    public static boolean fits(String remark) {
        return bytes(remark) <= MAX_BYTES;
    }

    public static int bytes(String remark) {
        return normalize(remark).getBytes(StandardCharsets.UTF_8).length;
    }
}

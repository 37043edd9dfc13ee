package app.fanmail.dispatch.domain;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The deterministic {@code client_msg_id} of a job's recipient: {@code fm<job id, 32 hex digits>:<seq>} (at most 54
 * characters). The same recipient always gets the same key, so a retry on any node, after any crash, is recognised by
 * WeChat as the same message within its duplicate window; all keys of one job share the prefix {@link #prefix}.
 */
public final class ClientMsgIds {
    private static final Pattern KEY = Pattern.compile("fm[0-9a-f]{32}:[0-9]{1,19}");

    private ClientMsgIds() {
    }

    public static String prefix(UUID jobId) {
        return "fm" + jobId.toString().replace("-", "").toLowerCase(Locale.ROOT) + ":";
    }

    public static String of(UUID jobId, long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
        return prefix(jobId) + seq;
    }

    /** Whether {@code key} has the shape {@link #of} gives. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}

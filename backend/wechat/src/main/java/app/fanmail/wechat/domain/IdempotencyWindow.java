package app.fanmail.wechat.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * WeChat drops a request whose idempotency key it has seen only within a window after the key's first use: 10 minutes
 * for a template message's {@code client_msg_id}, 24 hours for a mass send's {@code clientmsgid}. A resend is safe
 * only if it reaches WeChat inside that window.
 */
public final class IdempotencyWindow {
    private IdempotencyWindow() {
    }

    /**
     * Whether a request sent at {@code now} with a key first used at {@code firstUsedAt} still reaches WeChat inside the
     * window, given that it may take up to {@code transit} (the request timeout) to get there.
     */
    public static boolean protects(Instant firstUsedAt, Duration window, Instant now, Duration transit) {
        return now.plus(transit).isBefore(firstUsedAt.plus(window));
    }

    /** The last instant a request with the key may be sent (exclusive). */
    public static Instant resendDeadline(Instant firstUsedAt, Duration window, Duration transit) {
        return firstUsedAt.plus(window).minus(transit);
    }
}

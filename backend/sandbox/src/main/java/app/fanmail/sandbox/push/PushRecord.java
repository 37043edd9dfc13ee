package app.fanmail.sandbox.push;

import java.util.List;

/**
 * The outcome of one push: every attempt with its HTTP status or error.
 *
 * @param status {@code DELIVERED} (HTTP 200 with "success" or an empty body), {@code DELIVERED_BAD_REPLY}
 *               (HTTP 200 with another body: WeChat does not retry, the user would see an error),
 *               {@code FAILED} (all tries failed), {@code NO_CALLBACK_URL}, {@code DROPPED} (sandbox queue full)
 */
public record PushRecord(long id, long createdAtMillis, String label, String openid, String url, String status,
                         List<Attempt> attempts, String plaintextXml, String lastReply) {

    public boolean delivered() {
        return status.startsWith("DELIVERED");
    }

    public record Attempt(int number, long startedAtMillis, long durationMs, int httpStatus, String outcome) {
    }
}

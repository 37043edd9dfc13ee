package app.fanmail.dispatch.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Sends one template message without holding a thread (implemented over the WeChat facade in infrastructure). The
 * stage completes with WeChat's msgid, or fails with a {@link SendFailedException} that carries the failure's class.
 */
public interface TemplateSender {
    record Outgoing(UUID accountId, String openid, String templateId, String url, String miniProgramAppId, String miniProgramPagePath,
                    String clientMsgId, Map<String, String> data) {
    }

    /**
     * {@code keyFirstUsedAt} null: the key's first use; otherwise when an earlier attempt with the same key may have
     * reached WeChat (a resend past WeChat's duplicate window fails with class IN_DOUBT and is not sent).
     */
    CompletionStage<String> send(Outgoing message, Instant keyFirstUsedAt);
}

package app.fanmail.wechat.application;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Takes in a push the callback endpoint has verified and parsed: stores it in the inbox, stamped with Fanmail's clock
 * (so a test clock applies to the sweep's grace period and to retention), and completes once it is durable; processing
 * happens after ({@link InboxProcessor}).
 */
@ApplicationScoped
public class CallbackIngest {
    @Inject
    InboxStore inbox;
    @Inject
    Clock clock;

    /** Stores the push; the stage completes when it is committed (a retry or replay completes too, without a second row). */
    public CompletableFuture<InboxStore.Stored> accept(UUID accountId, Map<String, Object> fields, String rawXml, String nonce,
                                                        long timestamp) {
        return inbox.store(accountId, fields, rawXml, nonce, timestamp, clock.instant());
    }
}

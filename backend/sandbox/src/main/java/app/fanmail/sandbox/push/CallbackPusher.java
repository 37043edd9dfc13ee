package app.fanmail.sandbox.push;

import app.fanmail.sandbox.crypto.Signatures;
import app.fanmail.sandbox.crypto.WxBizMsgCrypt;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Builds signed/encrypted pushes and delivers them with WeChat's timeout and retry rule. */
public final class CallbackPusher {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_REPLY_CHARS = 2000;

    private final Transport transport;
    private final LongSupplier clockMillis;
    private final int attempts;
    private final Duration timeout;
    private final long retryDelayMs;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param attempts     tries in all (WeChat: 3)
     * @param timeout      per try (WeChat: 5 s)
     * @param retryDelayMs pause between tries
     */
    public CallbackPusher(Transport transport, LongSupplier clockMillis, int attempts, Duration timeout,
                          long retryDelayMs) {
        this.transport = transport;
        this.clockMillis = clockMillis;
        this.attempts = Math.max(1, attempts);
        this.timeout = timeout;
        this.retryDelayMs = Math.max(0, retryDelayMs);
    }

    /** The request WeChat would send for this plaintext message. */
    public PreparedPush prepare(CallbackTarget target, String label, String openid, String plaintextXml) {
        String timestamp = Long.toString(clockMillis.getAsLong() / 1000);
        String nonce = Long.toString(1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("signature", Signatures.sha1Sorted(target.token(), timestamp, nonce));
        query.put("timestamp", timestamp);
        query.put("nonce", nonce);
        if (openid != null && !openid.isEmpty()) {
            query.put("openid", openid);
        }
        String body = plaintextXml;
        if (target.mode() != EncryptionMode.PLAIN) {
            WxBizMsgCrypt crypt = new WxBizMsgCrypt(target.token(), target.encodingAesKey(), target.appId());
            String encrypt = crypt.encrypt(plaintextXml);
            query.put("encrypt_type", "aes");
            query.put("msg_signature", crypt.msgSignature(timestamp, nonce, encrypt));
            String encryptElement = "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt>\n";
            if (target.mode() == EncryptionMode.SAFE) {
                body = "<xml>\n<ToUserName><![CDATA[" + target.originalId() + "]]></ToUserName>\n"
                        + encryptElement + "</xml>";
            } else {
                int close = plaintextXml.lastIndexOf("</xml>");
                body = plaintextXml.substring(0, close) + encryptElement + "</xml>";
            }
        }
        String base = target.url() == null ? "" : target.url();
        StringBuilder full = new StringBuilder(base);
        char sep = base.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            full.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return new PreparedPush(label, openid, base, Map.copyOf(query), full.toString(),
                body.getBytes(StandardCharsets.UTF_8), plaintextXml);
    }

    /** Delivers with up to {@code attempts} tries, waiting on the calling thread; never throws. */
    public PushRecord deliver(PreparedPush push) {
        return deliverAsync(push).join();
    }

    /**
     * Delivers with up to {@code attempts} tries without holding a thread while a try is on the wire or between
     * tries (pauses run on the JDK's delay scheduler). The future always completes normally with the record.
     */
    public CompletableFuture<PushRecord> deliverAsync(PreparedPush push) {
        long created = clockMillis.getAsLong();
        long id = ids.incrementAndGet();
        if (push.baseUrl() == null || push.baseUrl().isBlank()) {
            return CompletableFuture.completedFuture(new PushRecord(id, created, push.label(), push.openid(), "",
                    "NO_CALLBACK_URL", List.of(), push.plaintextXml(), null));
        }
        URI uri;
        try {
            uri = URI.create(push.fullUrl());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new PushRecord(id, created, push.label(), push.openid(),
                    push.baseUrl(), "FAILED", List.of(new PushRecord.Attempt(1, created, 0, -1, "bad url: " + e.getMessage())),
                    push.plaintextXml(), null));
        }
        CompletableFuture<PushRecord> done = new CompletableFuture<>();
        attempt(new Delivery(push, uri, id, created, done), 1);
        return done;
    }

    private record Delivery(PreparedPush push, URI uri, long id, long created, CompletableFuture<PushRecord> done,
                            List<PushRecord.Attempt> tries, String[] lastReply) {
        Delivery(PreparedPush push, URI uri, long id, long created, CompletableFuture<PushRecord> done) {
            this(push, uri, id, created, done, Collections.synchronizedList(new ArrayList<>()), new String[1]);
        }

        void finish(String status) {
            done.complete(new PushRecord(id, created, push.label(), push.openid(), push.baseUrl(), status,
                    List.copyOf(tries), push.plaintextXml(), lastReply[0]));
        }
    }

    private void attempt(Delivery d, int n) {
        long started = clockMillis.getAsLong();
        long t0 = System.nanoTime();
        CompletableFuture<Transport.Reply> reply;
        try {
            reply = transport.postAsync(d.uri(), d.push().body(), "text/xml", timeout);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, error) -> {
            try {
                afterAttempt(d, n, started, t0, r, error);
            } catch (RuntimeException e) {
                d.tries().add(new PushRecord.Attempt(n, started, elapsed(t0), -1, "error: " + e));
                d.finish("FAILED");
            }
        });
    }

    private void afterAttempt(Delivery d, int n, long started, long t0, Transport.Reply r, Throwable error) {
        int httpStatus = -1;
        String outcome;
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause == null) {
            httpStatus = r.status();
            d.lastReply()[0] = truncate(r.body());
            if (r.status() == 200) {
                String trimmed = r.body() == null ? "" : r.body().trim();
                boolean clean = trimmed.isEmpty() || trimmed.equals("success");
                d.tries().add(new PushRecord.Attempt(n, started, elapsed(t0), httpStatus, clean ? "ok" : "reply"));
                d.finish(clean || trimmed.startsWith("<xml") ? "DELIVERED" : "DELIVERED_BAD_REPLY");
                return;
            }
            outcome = "http " + r.status();
        } else if (cause instanceof HttpTimeoutException) {
            outcome = "timeout";
        } else if (cause instanceof InterruptedException) {
            d.tries().add(new PushRecord.Attempt(n, started, elapsed(t0), -1, "interrupted"));
            d.finish("FAILED");
            return;
        } else if (cause instanceof IOException) {
            outcome = "error: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        } else {
            outcome = "error: " + cause;
        }
        d.tries().add(new PushRecord.Attempt(n, started, elapsed(t0), httpStatus, outcome));
        if (n >= attempts) {
            d.finish("FAILED");
        } else if (retryDelayMs > 0) {
            CompletableFuture.delayedExecutor(retryDelayMs, TimeUnit.MILLISECONDS, Runnable::run)
                    .execute(() -> attempt(d, n + 1));
        } else {
            attempt(d, n + 1);
        }
    }

    /**
     * The outcome of one URL verification.
     *
     * @param ok         the receiver answered HTTP 200 with exactly the {@code echostr}
     * @param httpStatus -1 when no answer came
     */
    public record Verification(String url, long atMillis, boolean ok, int httpStatus, String reply, String echostr,
                               String error) {
    }

    /**
     * The URL verification WeChat sends when a server URL is saved: {@code GET url?signature&timestamp&nonce&echostr}
     * with {@code signature = sha1(sort(token, timestamp, nonce))}; the receiver must answer the {@code echostr}
     * verbatim within the push timeout, or WeChat refuses the configuration. Blocks the calling thread (a
     * configuration change, not a delivery).
     */
    public Verification verifyUrl(CallbackTarget target) {
        long at = clockMillis.getAsLong();
        String timestamp = Long.toString(at / 1000);
        String nonce = Long.toString(1_000_000_000L + (RANDOM.nextLong() & Long.MAX_VALUE) % 9_000_000_000L);
        String echostr = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
        String base = target.url() == null ? "" : target.url().trim();
        if (base.isEmpty()) {
            return new Verification("", at, false, -1, null, echostr, "no URL");
        }
        String url = base + (base.contains("?") ? '&' : '?')
                + "signature=" + Signatures.sha1Sorted(target.token(), timestamp, nonce)
                + "&echostr=" + echostr + "&timestamp=" + timestamp + "&nonce=" + nonce;
        try {
            Transport.Reply r = transport.get(URI.create(url), timeout);
            String body = r.body() == null ? "" : r.body();
            boolean ok = r.status() == 200 && body.equals(echostr);
            return new Verification(base, at, ok, r.status(), truncate(body), echostr,
                    ok ? null : r.status() != 200 ? "http " + r.status() : "the reply is not the echostr");
        } catch (IllegalArgumentException e) {
            return new Verification(base, at, false, -1, null, echostr, "bad url: " + e.getMessage());
        } catch (HttpTimeoutException e) {
            return new Verification(base, at, false, -1, null, echostr, "timeout");
        } catch (IOException e) {
            return new Verification(base, at, false, -1, null, echostr, "error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verification(base, at, false, -1, null, echostr, "interrupted");
        }
    }

    /** A push not sent because its kind is suppressed (see the account's outcomes). */
    public PushRecord suppressed(String label, String openid, String url, String xml) {
        return new PushRecord(ids.incrementAndGet(), clockMillis.getAsLong(), label, openid, url == null ? "" : url,
                "SUPPRESSED", List.of(), xml, null);
    }

    /** A push that never left the sandbox because its queue was full. */
    public PushRecord dropped(String label, String openid, String url, String xml) {
        return new PushRecord(ids.incrementAndGet(), clockMillis.getAsLong(), label, openid, url == null ? "" : url,
                "DROPPED", List.of(), xml, null);
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_REPLY_CHARS ? s : s.substring(0, MAX_REPLY_CHARS) + "…";
    }
}

package app.fanmail.wechat.infrastructure;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.application.AccountEndpoints;
import app.fanmail.wechat.application.AccountEndpoints.Endpoint;
import app.fanmail.wechat.application.TokenService;
import app.fanmail.wechat.domain.ErrorCodes;
import app.fanmail.wechat.domain.IdempotencyWindow;
import app.fanmail.wechat.infrastructure.http.WeChatHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Makes one authenticated call for an account: finds its endpoint in memory ({@link AccountEndpoints}), adds the
 * access token, turns errcodes into {@link WeChatException}s, and when WeChat refuses the token, replaces it once and
 * retries once (never a loop). Retrying other failures is the caller's decision, with the same idempotency key;
 * {@link WeChatException#certainty()} says whether the failed request may have been processed.
 * <p>
 * {@link #postAsync} is the hot path (template and customer-service sends): non-blocking, limited per account
 * (ADR 0009). {@link #call} is for everything else, over MicroProfile REST Client.
 */
@ApplicationScoped
public class WeChatGateway {
    @Inject
    TokenService tokens;
    @Inject
    WeChatClients clients;
    @Inject
    AccountEndpoints endpoints;
    @Inject
    Clock clock;

    public <T> JsonObject call(UUID accountId, Class<T> api, BiFunction<T, String, JsonObject> request) {
        return call(accountId, api, request, Set.of());
    }

    /** Like {@link #call(UUID, Class, BiFunction)}, but answers with an errcode in {@code accepted} are returned, not thrown. */
    public <T> JsonObject call(UUID accountId, Class<T> api, BiFunction<T, String, JsonObject> request, Set<Integer> accepted) {
        Endpoint endpoint = endpoints.endpoint(accountId);
        T client = clients.checkedClient(endpoint.baseUrl(), api);
        String token = tokens.token(accountId);
        try {
            return checked(invoke(client, token, request), accepted);
        } catch (WeChatException e) {
            if (e.kind() != Kind.TOKEN_INVALID) {
                throw e;
            }
            String replacement = tokens.replaceRejected(accountId, token);
            return checked(invoke(client, replacement, request), accepted);
        }
    }

    /**
     * POSTs a JSON body to {@code path} (e.g. {@code /cgi-bin/message/custom/send}) without holding a thread while
     * WeChat answers; the same token handling as {@link #call}.
     */
    public CompletableFuture<JsonObject> postAsync(UUID accountId, String path, JsonObject body) {
        return postAsync(accountId, path, body, null, null);
    }

    /**
     * GETs {@code path} with the query parameters {@code query} (already URL-encoded, without the token; may be empty)
     * without holding a thread while WeChat answers; the same token handling as {@link #call}.
     */
    public CompletableFuture<JsonObject> getAsync(UUID accountId, String path, String query) {
        return postAsync(accountId, path + (query == null || query.isEmpty() ? "" : "?" + query), null, null, null);
    }

    /**
     * Like {@link #postAsync(UUID, String, JsonObject)} for a body carrying an idempotency key first used at
     * {@code keyFirstUsedAt}, which WeChat treats as a duplicate only within {@code window}: when a request sent now
     * might reach WeChat after the window (now + the request timeout), nothing is sent and the stage fails with
     * {@link Kind#IN_DOUBT}: an earlier attempt may have been delivered and a resend could deliver twice.
     */
    public CompletableFuture<JsonObject> postAsync(UUID accountId, String path, JsonObject body, Instant keyFirstUsedAt, Duration window) {
        Endpoint endpoint;
        try {
            refuseAfterWindow(keyFirstUsedAt, window);
            endpoint = endpoints.endpoint(accountId);
        } catch (WeChatException e) {
            return CompletableFuture.failedFuture(e);
        }
        return tokens.tokenAsync(accountId)
                .thenCompose(token -> send(endpoint, path, token, body).handle((answer, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    WeChatException failure = WeChatHttp.failureOf(error);
                    if (failure.kind() != Kind.TOKEN_INVALID) {
                        return CompletableFuture.<JsonObject>failedFuture(failure);
                    }
                    return tokens.replaceRejectedAsync(accountId, token).thenCompose(replacement -> {
                        refuseAfterWindow(keyFirstUsedAt, window);
                        return send(endpoint, path, replacement, body);
                    });
                }).thenCompose(stage -> stage))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(WeChatHttp.failureOf(error)));
    }

    /** The last instant (exclusive) a request with a key first used at {@code keyFirstUsedAt} is still sent. */
    public Instant resendDeadline(Instant keyFirstUsedAt, Duration window) {
        return IdempotencyWindow.resendDeadline(keyFirstUsedAt, window, clients.requestTimeout());
    }

    /**
     * Throws {@link Kind#IN_DOUBT} (nothing sent) when a request sent now with a key first used at {@code keyFirstUsedAt}
     * could reach WeChat after the key's duplicate {@code window}; for blocking calls such as mass sends.
     */
    public void requireInsideWindow(Instant keyFirstUsedAt, Duration window) {
        refuseAfterWindow(keyFirstUsedAt, window);
    }

    private void refuseAfterWindow(Instant keyFirstUsedAt, Duration window) {
        if (keyFirstUsedAt == null) {
            return;
        }
        Instant now = clock.instant();
        if (!IdempotencyWindow.protects(keyFirstUsedAt, window, now, clients.requestTimeout())) {
            throw new WeChatException(Kind.IN_DOUBT, Certainty.NOT_PROCESSED, 0, "Not sent: the idempotency key was first used at "
                    + keyFirstUsedAt + " and WeChat drops duplicates only for " + window + "; a resend at " + now
                    + " could deliver twice", null, null);
        }
    }

    private CompletableFuture<JsonObject> send(Endpoint endpoint, String path, String token, JsonObject body) {
        // a path may carry query parameters of its own (getAsync); the token joins them
        URI uri = URI.create(endpoint.baseUrl() + path + (path.indexOf('?') < 0 ? "?" : "&") + "access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return clients.http().post(endpoint.accountId(), uri, body).thenApply(answer -> checked(answer, Set.of()));
    }

    private static <T> JsonObject invoke(T client, String token, BiFunction<T, String, JsonObject> request) {
        try {
            return request.apply(client, token);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            throw ErrorCodes.Transport.ofStatus(status).failure("HTTP " + status, e);
        } catch (ProcessingException e) {
            throw WeChatHttp.failureOf(e.getCause() == null ? e : e.getCause());
        }
    }

    private static JsonObject checked(JsonObject answer, Set<Integer> accepted) {
        int errcode = answer.containsKey("errcode") && !answer.isNull("errcode") ? answer.getInt("errcode") : 0;
        if (errcode != 0 && !accepted.contains(errcode)) {
            throw ErrorCodes.failure(errcode, answer.getString("errmsg", ""));
        }
        return answer;
    }
}

package app.fanmail.wechat.application;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.UUID;
import java.util.function.BiFunction;

import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.domain.ErrorCodes;
import app.fanmail.wechat.infrastructure.WeChatClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/**
 * Makes one authenticated call for an account: adds the access token, turns errcodes into
 * {@link WeChatException}s, and when WeChat refuses the token, replaces it once and retries once
 * (never a loop). Network failures and HTTP 5xx are TRANSIENT; retrying them is the caller's
 * decision, with the same idempotency key.
 */
@ApplicationScoped
public class WeChatGateway {
    @Inject
    TokenService tokens;
    @Inject
    WeChatClients clients;
    @Inject
    AccountDirectory accounts;

    public <T> JsonObject call(UUID accountId, Class<T> api, BiFunction<T, String, JsonObject> request) {
        return call(accountId, api, request, Set.of());
    }

    /** Like {@link #call(UUID, Class, BiFunction)}, but answers with an errcode in {@code accepted} are returned, not thrown. */
    public <T> JsonObject call(UUID accountId, Class<T> api, BiFunction<T, String, JsonObject> request, Set<Integer> accepted) {
        String base = accounts.credentials(accountId).map(AccountCredentials::apiBaseUrl)
                .orElseThrow(() -> new WeChatException(Kind.OTHER, 0, "No such account", null));
        T client = clients.client(base, api);
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
     * The asynchronous form of {@link #call(UUID, Class, BiFunction)}: the same token handling (one
     * replacement and one retry when WeChat refuses the token), without blocking a thread on WeChat.
     */
    public <T> CompletionStage<JsonObject> callAsync(UUID accountId, Class<T> api, BiFunction<T, String, CompletionStage<JsonObject>> request) {
        String base = accounts.credentials(accountId).map(AccountCredentials::apiBaseUrl)
                .orElseThrow(() -> new WeChatException(Kind.OTHER, 0, "No such account", null));
        T client = clients.client(base, api);
        String token = tokens.token(accountId);
        return invokeAsync(client, token, request).handle((answer, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(answer);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof WeChatException w && w.kind() == Kind.TOKEN_INVALID) {
                String replacement = tokens.replaceRejected(accountId, token);
                return invokeAsync(client, replacement, request);
            }
            return CompletableFuture.<JsonObject>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    private static <T> CompletionStage<JsonObject> invokeAsync(T client, String token, BiFunction<T, String, CompletionStage<JsonObject>> request) {
        CompletionStage<JsonObject> stage;
        try {
            stage = request.apply(client, token);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stage.handle((answer, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof WebApplicationException e) {
                    int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
                    throw new WeChatException(status >= 500 || status == 429 ? Kind.TRANSIENT : Kind.OTHER, -status, "HTTP " + status, null, e);
                }
                throw new WeChatException(Kind.TRANSIENT, -1, "WeChat unreachable or timed out: " + cause.getMessage(), null, cause);
            }
            return checked(answer, Set.of());
        });
    }

    private static <T> JsonObject invoke(T client, String token, BiFunction<T, String, JsonObject> request) {
        try {
            return request.apply(client, token);
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            throw new WeChatException(status >= 500 || status == 429 ? Kind.TRANSIENT : Kind.OTHER, -status, "HTTP " + status, null, e);
        } catch (ProcessingException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "WeChat unreachable or timed out: " + e.getMessage(), null, e);
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

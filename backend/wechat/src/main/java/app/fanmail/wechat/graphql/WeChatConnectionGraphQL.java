package app.fanmail.wechat.graphql;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.UserError;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.wechat.api.Sandbox;
import app.fanmail.wechat.api.Sandbox.FanActivity;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.application.TokenService;
import app.fanmail.wechat.domain.AccessTokenRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** Whether Fanmail can talk to WeChat for an account, and (sandbox accounts) simulated fan activity. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class WeChatConnectionGraphQL {
    @Inject
    java.time.Clock clock;
    @Inject
    TokenService tokens;
    @Inject
    Sandbox sandbox;

    @Type("WeChatConnection")
    @Description("The state of an account's access token: when it expires, or why WeChat refused the credentials.")
    public record WeChatConnection(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("True when Fanmail holds a valid access token.") boolean connected,
            @Description("When the current token expires.") Instant tokenExpiresAt,
            @NonNull @Description("How many tokens Fanmail has fetched for the account.") int refreshCount,
            @Description("WeChat's errcode of the last failed token request.") Integer lastErrorCode,
            @Description("WeChat's errmsg of the last failed token request, verbatim.") String lastError,
            @Description("When the last token request failed.") Instant failedAt,
            @Description("After a credential error Fanmail does not ask again before this time (no storm of calls).") Instant retryAfter) {
    }

    @Input("WeChatConnectionTestInput")
    @Description("Checks an account's credentials by fetching an access token now.")
    public record WeChatConnectionTestInput(@NonNull @Id @Description("The account.") String accountId) {
    }

    @Type("WeChatConnectionTestPayload")
    @Description("Result of weChatConnectionTest.")
    public record WeChatConnectionTestPayload(
            @Description("The connection after the attempt; null when refused.") WeChatConnection connection,
            @NonNull @Description("Why it failed: WECHAT_CREDENTIALS_INVALID; HOST_NOT_ALLOWED, DNS_FAILURE, CONNECTION_REFUSED, TIMEOUT, TLS_ERROR, HTTP_ERROR, CONNECTION_FAILED (never the raw error); WECHAT_ERROR (with WeChat's errcode); NOT_FOUND.") List<@NonNull UserError> userErrors) {
    }

    @Input("SandboxFanActivitySimulateInput")
    @Description("Makes a simulated fan act in the WeChat sandbox, which pushes the matching callback to Fanmail.")
    public record SandboxFanActivitySimulateInput(
            @NonNull @Id @Description("A SANDBOX account.") String accountId,
            @NonNull @Description("What the fan does.") FanActivity activity,
            @Description("The fan's openid; empty lets the sandbox pick one of the account's fans.") String openid,
            @Description("Text of a TEXT message.") String content,
            @Description("EventKey of a menu click, scan or view.") String eventKey) {
    }

    @Type("SandboxFanActivitySimulatePayload")
    @Description("Result of sandboxFanActivitySimulate.")
    public record SandboxFanActivitySimulatePayload(
            @Description("True when the sandbox pushed the callback and Fanmail accepted it.") Boolean pushed,
            @Description("The fan who acted.") String openid,
            @NonNull @Description("Why it failed: NOT_FOUND, NOT_A_SANDBOX_ACCOUNT, SANDBOX_DISABLED, HOST_NOT_ALLOWED, SANDBOX_UNREACHABLE, SANDBOX_REFUSED.") List<@NonNull UserError> userErrors) {
    }

    @Query("weChatConnection")
    @Description("The state of an account's access token; null before Fanmail has ever asked for one.")
    @RequiresRole(Role.VIEWER)
    public WeChatConnection weChatConnection(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return tokens.status(uuid(accountId)).map(this::view).orElse(null);
    }

    @Mutation("weChatConnectionTest")
    @CallsWeChat
    @NonNull
    @Description("Fetches an access token now to check the account's AppID and AppSecret.")
    public WeChatConnectionTestPayload weChatConnectionTest(@NonNull @Name("input") @Description("The mutation's input.") WeChatConnectionTestInput input) {
        return Mutations.attempt(() -> {
                    UUID id = uuid(input.accountId());
                    try {
                        tokens.token(id);
                    } catch (WeChatException e) {
                        if (e.kind() != WeChatException.Kind.CREDENTIALS_INVALID) {
                            throw new UserErrorsException(ConnectionFailures.classify(e));
                        }
                    }
                    return tokens.status(id).map(this::view).orElseThrow();
                },
                c -> new WeChatConnectionTestPayload(c, c.connected() ? List.of()
                        : List.of(UserError.of("WECHAT_CREDENTIALS_INVALID", null, "WeChat refused the credentials: " + c.lastError()))),
                e -> new WeChatConnectionTestPayload(null, e));
    }

    @Mutation("sandboxFanActivitySimulate")
    @NonNull
    @Description("Simulates a fan's message or event in the WeChat sandbox (SANDBOX accounts only).")
    public SandboxFanActivitySimulatePayload sandboxFanActivitySimulate(
            @NonNull @Name("input") @Description("The mutation's input.") SandboxFanActivitySimulateInput input) {
        return Mutations.attempt(() -> {
                    try {
                        return sandbox.simulate(uuid(input.accountId()), input.activity(), input.openid(), input.content(), input.eventKey());
                    } catch (WeChatException e) {
                        if (e.getCause() instanceof app.fanmail.wechat.domain.ApiHostRefusedException) {
                            throw new UserErrorsException(ConnectionFailures.classify(e));
                        }
                        if (e.errmsg().startsWith("The WeChat sandbox is disabled")) {
                            throw new UserErrorsException("SANDBOX_DISABLED", null, e.errmsg());
                        }
                        String code = e.kind() == WeChatException.Kind.PERMISSION ? "NOT_A_SANDBOX_ACCOUNT"
                                : e.kind() == WeChatException.Kind.TRANSIENT ? "SANDBOX_UNREACHABLE"
                                : e.errmsg().startsWith("No such") ? "NOT_FOUND" : "SANDBOX_REFUSED";
                        throw new UserErrorsException(code, code.equals("NOT_A_SANDBOX_ACCOUNT") ? "accountId" : null, e.errmsg());
                    }
                },
                s -> new SandboxFanActivitySimulatePayload(s.delivered(), s.openid(), List.of()),
                e -> new SandboxFanActivitySimulatePayload(null, null, e));
    }

    private WeChatConnection view(AccessTokenRow row) {
        boolean connected = row.tokenEncrypted() != null && row.expiresAt() != null && row.expiresAt().isAfter(clock.instant());
        return new WeChatConnection(row.accountId().toString(), connected, row.expiresAt(), (int) row.refreshCount(), row.lastErrorCode(),
                row.lastError(), row.failedAt(), row.retryAfter());
    }

    private static UUID uuid(String id) {
        return Ids.require(id, "accountId", "account");
    }
}

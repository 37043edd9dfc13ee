package app.fanmail.wechat.infrastructure;

import java.time.Duration;

import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.application.TokenEndpoint;
import app.fanmail.wechat.infrastructure.WeChatRestClients.TokenApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link TokenEndpoint} over MicroProfile REST Client: stable_token (normal mode) by default, the classic
 * {@code /cgi-bin/token} when {@code fanmail.wechat.token-mode} is {@code classic}. The host is checked against the
 * {@code ApiHostPolicy} before the call, like every call of {@link WeChatClients#client}.
 */
@ApplicationScoped
public class WeChatTokenEndpoint implements TokenEndpoint {
    @Inject
    WeChatClients clients;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.token-mode", defaultValue = "stable")
    String mode;

    @Override
    public Answer fetch(AccountCredentials credentials, boolean forceRefresh) {
        JsonObject answer;
        try {
            TokenApi api = clients.client(credentials.apiBaseUrl(), TokenApi.class);
            answer = "classic".equals(mode)
                    ? api.token("client_credential", credentials.appId(), credentials.appSecret())
                    : api.stableToken(JsonFactories.object().add("grant_type", "client_credential")
                    .add("appid", credentials.appId()).add("secret", credentials.appSecret())
                    .add("force_refresh", forceRefresh).build());
        } catch (ProcessingException | WebApplicationException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "Token endpoint unreachable: " + e.getMessage(), null, e);
        }
        return answer(answer);
    }

    static Answer answer(JsonObject answer) {
        int errcode = answer.containsKey("errcode") && !answer.isNull("errcode") ? answer.getInt("errcode") : 0;
        if (errcode != 0 || !answer.containsKey("access_token") || !answer.containsKey("expires_in")) {
            return new Answer(null, null, errcode, answer.getString("errmsg", ""));
        }
        return new Answer(answer.getString("access_token"), Duration.ofSeconds(answer.getJsonNumber("expires_in").longValue()), 0, "");
    }
}

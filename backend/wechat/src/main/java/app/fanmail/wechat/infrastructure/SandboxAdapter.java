package app.fanmail.wechat.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountCredentials;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.Sandbox;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatTemplates.LibraryTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

/** {@link Sandbox} over the sandbox's control API, at the account's API base URL. */
@ApplicationScoped
public class SandboxAdapter implements Sandbox {
    @Inject
    AccountDirectory accounts;
    @Inject
    WeChatClients clients;
    @Inject
    app.fanmail.accounts.api.ApiHostPolicy hosts;

    private record Target(AccountView view, AccountCredentials credentials, SandboxControl control) {
    }

    private Target target(UUID accountId) {
        if (!hosts.sandboxEnabled()) {
            throw new WeChatException(Kind.PERMISSION, 0, "The WeChat sandbox is disabled on this server (fanmail.sandbox.enabled)", null);
        }
        AccountView view = accounts.find(accountId).orElseThrow(() -> new WeChatException(Kind.OTHER, 0, "No such account", null));
        if (view.apiTarget() != ApiTarget.SANDBOX) {
            throw new WeChatException(Kind.PERMISSION, 0, "The account talks to real WeChat, not the sandbox", null);
        }
        AccountCredentials c = accounts.credentials(accountId).orElseThrow();
        return new Target(view, c, clients.client(c.apiBaseUrl(), SandboxControl.class));
    }

    @Override
    public void register(UUID accountId) {
        Target t = target(accountId);
        JsonObjectBuilder b = JsonFactories.object().add("appId", t.credentials().appId()).add("appSecret", t.credentials().appSecret())
                .add("token", t.credentials().token()).add("encryptionMode", t.credentials().encryptionMode().name())
                .add("callbackUrl", t.view().callbackUrl()).add("type", t.view().type().name()).add("verified", t.view().verified())
                .add("originalId", t.view().originalId());
        if (t.credentials().encodingAesKey() != null) {
            b.add("encodingAesKey", t.credentials().encodingAesKey());
        }
        JsonObject body = b.build();
        try {
            // keep the sandbox's state (fans, ledger) when the account is already there
            t.control().configureAccount(t.credentials().appId(), body);
        } catch (WebApplicationException e) {
            if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                throw new WeChatException(Kind.OTHER, -(e.getResponse() == null ? 0 : e.getResponse().getStatus()),
                        "The sandbox refused the account", null, e);
            }
            call(() -> t.control().registerAccount(body));
        } catch (ProcessingException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "The sandbox is unreachable.", null, e);
        }
    }

    /**
     * The sandbox's public template library (its control API: WeChat has none); empty when the sandbox is disabled or the
     * account talks to real WeChat.
     */
    public Optional<List<LibraryTemplate>> library(UUID accountId) {
        if (!hosts.sandboxEnabled() || accounts.find(accountId).map(v -> v.apiTarget() != ApiTarget.SANDBOX).orElse(true)) {
            return Optional.empty();
        }
        Target t = target(accountId);
        JsonObject answer = call(() -> t.control().library());
        return Optional.of(Json2.objects(answer, "templates", e -> new LibraryTemplate(Json2.str(e, "template_id_short"), Json2.str(e, "title"),
                Json2.str(e, "primary_industry"), Json2.str(e, "deputy_industry"),
                e.containsKey("categoryId") ? Json2.num(e, "categoryId", 0) : null, Json2.str(e, "content"),
                Json2.objects(e, "keywords", k -> Json2.str(k, "name")))));
    }

    @Override
    public void seedFans(UUID accountId, int count) {
        Target t = target(accountId);
        JsonObject body = JsonFactories.object().add("count", count).add("seed", 42)
                .add("tags", JsonFactories.array()
                        .add(JsonFactories.object().add("name", "VIP").add("share", 0.1))
                        .add(JsonFactories.object().add("name", "新客户").add("share", 0.3))
                        .add(JsonFactories.object().add("name", "上海").add("share", 0.25)))
                .build();
        call(() -> t.control().seedFans(t.credentials().appId(), body));
    }

    @Override
    public Simulated simulate(UUID accountId, FanActivity activity, String openid, String content, String eventKey) {
        Target t = target(accountId);
        String kind = switch (activity) {
            case SUBSCRIBE -> "subscribe";
            case UNSUBSCRIBE -> "unsubscribe";
            case SCAN -> "SCAN";
            case CLICK -> "CLICK";
            case VIEW -> "VIEW";
            case SCANCODE_PUSH -> "scancode_push";
            case SCANCODE_WAITMSG -> "scancode_waitmsg";
            case LOCATION_REPORT -> "LOCATION";
            default -> activity.name().toLowerCase();
        };
        JsonObjectBuilder b = JsonFactories.object().add("kind", kind);
        if (openid != null && !openid.isBlank()) {
            b.add("openid", openid);
        }
        if (content != null) {
            b.add("content", content);
        }
        if (eventKey != null) {
            b.add("eventKey", eventKey);
        }
        JsonObject body = b.build();
        JsonObject answer = call(() -> t.control().simulate(t.credentials().appId(), body));
        String status = Json2.str(answer, "status");
        return new Simulated(answer.getBoolean("pushed", false) && status != null && status.startsWith("DELIVERED"), status,
                Json2.str(answer, "openid"));
    }

    private static JsonObject call(java.util.function.Supplier<JsonObject> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            throw new WeChatException(Kind.OTHER, -status, "The sandbox refused: HTTP " + status, null, e);
        } catch (ProcessingException e) {
            throw new WeChatException(Kind.TRANSIENT, -1, "The sandbox is unreachable.", null, e);
        }
    }
}

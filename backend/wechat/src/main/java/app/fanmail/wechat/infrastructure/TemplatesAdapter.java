package app.fanmail.wechat.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.infrastructure.WeChatRestClients.TemplateApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** {@link WeChatTemplates} over WeChat's template API. */
@ApplicationScoped
public class TemplatesAdapter implements WeChatTemplates {
    private static final String SEND_PATH = "/cgi-bin/message/template/send";

    @Inject
    WeChatGateway gateway;
    @Inject
    SandboxAdapter sandbox;

    @Override
    public java.util.Optional<List<LibraryTemplate>> browsableLibrary(UUID accountId) {
        return sandbox.library(accountId); // only the sandbox can browse its library; real WeChat has no such API
    }

    @Override
    public Industries industries(UUID accountId) {
        JsonObject a = gateway.call(accountId, TemplateApi.class, TemplateApi::industry);
        return new Industries(industry(Json2.obj(a, "primary_industry")), industry(Json2.obj(a, "secondary_industry")));
    }

    private static Industry industry(JsonObject o) {
        return o.isEmpty() ? null : new Industry(Json2.str(o, "first_class"), Json2.str(o, "second_class"));
    }

    @Override
    public List<Category> categoryCatalogue(UUID accountId) {
        JsonObject a = gateway.call(accountId, TemplateApi.class, TemplateApi::allCategories);
        List<JsonObject> nodes = Json2.objects(Json2.obj(a, "categories_list"), "categories", n -> n);
        Map<Long, String> names = new java.util.HashMap<>();
        nodes.forEach(n -> names.put(Json2.num(n, "id", 0), Json2.str(n, "name")));
        List<Category> out = new ArrayList<>();
        for (JsonObject n : nodes) {
            if (Json2.num(n, "level", 0) == 2) {
                long parent = Json2.num(n, "father", 0);
                out.add(new Category(Json2.num(n, "id", 0), Json2.str(n, "name"), parent, names.get(parent)));
            }
        }
        return out;
    }

    @Override
    public List<Category> categories(UUID accountId) {
        JsonObject a = gateway.call(accountId, TemplateApi.class, TemplateApi::categories);
        return Json2.objects(a, "data", c -> new Category(Json2.num(c, "id", 0), Json2.str(c, "name"), 0, null));
    }

    @Override
    public void addCategories(UUID accountId, List<Category> categories) {
        JsonArrayBuilder list = JsonFactories.array();
        for (Category c : categories) {
            list.add(JsonFactories.object().add("first", c.parentId()).add("second", c.id()).add("certicates", JsonFactories.array()));
        }
        JsonObject body = JsonFactories.object().add("categories", list).build();
        gateway.call(accountId, TemplateApi.class, (api, token) -> api.addCategories(token, body));
    }

    @Override
    public void deleteCategory(UUID accountId, Category category) {
        JsonObject body = JsonFactories.object().add("first", category.parentId()).add("second", category.id()).build();
        gateway.call(accountId, TemplateApi.class, (api, token) -> api.deleteCategory(token, body));
    }

    @Override
    public void setIndustries(UUID accountId, int primaryIndustryId, int secondaryIndustryId) {
        JsonObject body = JsonFactories.object().add("industry_id1", Integer.toString(primaryIndustryId))
                .add("industry_id2", Integer.toString(secondaryIndustryId)).build();
        gateway.call(accountId, TemplateApi.class, (api, token) -> api.setIndustry(token, body));
    }

    @Override
    public String add(UUID accountId, String shortId, List<String> keywordNames) {
        JsonObjectBuilder body = JsonFactories.object().add("template_id_short", shortId);
        if (keywordNames != null && !keywordNames.isEmpty()) {
            JsonArrayBuilder names = JsonFactories.array();
            keywordNames.forEach(names::add);
            body.add("keyword_name_list", names);
        }
        JsonObject built = body.build();
        return Json2.str(gateway.call(accountId, TemplateApi.class, (api, token) -> api.addTemplate(token, built)), "template_id");
    }

    @Override
    public List<PrivateTemplate> list(UUID accountId) {
        JsonObject a = gateway.call(accountId, TemplateApi.class, TemplateApi::templates);
        return Json2.objects(a, "template_list", t -> new PrivateTemplate(Json2.str(t, "template_id"), Json2.str(t, "title"),
                Json2.str(t, "primary_industry"), Json2.str(t, "deputy_industry"), Json2.str(t, "content"), Json2.str(t, "example")));
    }

    @Override
    public void delete(UUID accountId, String templateId) {
        JsonObject body = JsonFactories.object().add("template_id", templateId).build();
        gateway.call(accountId, TemplateApi.class, (api, token) -> api.deleteTemplate(token, body));
    }

    @Override
    public List<BlockedMessage> blocked(UUID accountId, String templateMessageId, long largestId, int limit) {
        JsonObject body = JsonFactories.object().add("tmpl_msg_id", templateMessageId).add("largest_id", largestId)
                .add("limit", Math.max(1, Math.min(100, limit))).build();
        JsonObject a = gateway.call(accountId, TemplateApi.class, (api, token) -> api.blockedMessages(token, body));
        return Json2.objects(a, "msginfo", m -> new BlockedMessage(Json2.num(m, "id", 0), Json2.str(m, "tmpl_msg_id"), Json2.str(m, "title"),
                Json2.str(m, "content"), Instant.ofEpochSecond(Json2.num(m, "send_timestamp", 0)), Json2.str(m, "openid")));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> sendAsync(UUID accountId, TemplateMessage m) {
        JsonObject built;
        try {
            built = sendBody(m);
        } catch (app.fanmail.wechat.api.WeChatRuleException e) {
            return java.util.concurrent.CompletableFuture.failedStage(e);
        }
        return gateway.postAsync(accountId, SEND_PATH, built).thenApply(a -> Json2.str(a, "msgid"));
    }

    @Override
    public java.util.concurrent.CompletionStage<String> sendAsync(UUID accountId, TemplateMessage m, Instant clientMsgIdFirstUsedAt) {
        if (m.clientMsgId() == null || clientMsgIdFirstUsedAt == null) {
            throw new IllegalArgumentException("A resend needs the clientMsgId and the time it was first used");
        }
        JsonObject built;
        try {
            built = sendBody(m);
        } catch (app.fanmail.wechat.api.WeChatRuleException e) {
            return java.util.concurrent.CompletableFuture.failedStage(e);
        }
        return gateway.postAsync(accountId, SEND_PATH, built, clientMsgIdFirstUsedAt, CLIENT_MSG_ID_WINDOW)
                .thenApply(a -> Json2.str(a, "msgid"));
    }

    @Override
    public Instant resendDeadline(Instant clientMsgIdFirstUsedAt) {
        return gateway.resendDeadline(clientMsgIdFirstUsedAt, CLIENT_MSG_ID_WINDOW);
    }

    @Override
    public String send(UUID accountId, TemplateMessage m) {
        JsonObject built = sendBody(m);
        return Json2.str(gateway.call(accountId, TemplateApi.class, (api, token) -> api.send(token, built)), "msgid");
    }

    /** The request body; refuses (before any call) typed values WeChat would refuse with 47003. */
    private static JsonObject sendBody(TemplateMessage m) {
        app.fanmail.wechat.domain.WeChatRules.requireSendable(m.data());
        JsonObjectBuilder body = JsonFactories.object().add("touser", m.openid()).add("template_id", m.templateId());
        if (m.url() != null) {
            body.add("url", m.url());
        }
        if (m.miniProgramAppId() != null) {
            body.add("miniprogram", JsonFactories.object().add("appid", m.miniProgramAppId())
                    .add("pagepath", m.miniProgramPagePath() == null ? "" : m.miniProgramPagePath()));
        }
        if (m.clientMsgId() != null) {
            body.add("client_msg_id", m.clientMsgId());
        }
        JsonObjectBuilder data = JsonFactories.object();
        for (Map.Entry<String, String> e : m.data().entrySet()) {
            data.add(e.getKey(), JsonFactories.object().add("value", e.getValue()));
        }
        return body.add("data", data).build();
    }
}

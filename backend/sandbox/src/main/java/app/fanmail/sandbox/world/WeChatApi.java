package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * WeChat's HTTP API over the {@link World}: routes paths (GET and POST alike), authenticates the access_token,
 * applies the account's injected faults and renders WeChat-style answers (errors are HTTP 200
 * {@code {"errcode":N,"errmsg":"… rid: …"}}).
 */
public final class WeChatApi {

    private static final Logger LOG = Logger.getLogger(WeChatApi.class.getName());

    @FunctionalInterface
    interface Handler {
        Object handle(Account acc, ApiCall call);
    }

    private record Route(boolean needsToken, Handler handler) {
    }

    private final World world;
    private final Map<String, Route> routes = new HashMap<>();

    public WeChatApi(World world) {
        this.world = world;
        World w = world;
        // tokens: authenticated by appid + secret
        app("cgi-bin/token", (acc, c) -> {
            String grant = c.param("grant_type");
            if (!"client_credential".equals(grant)) {
                throw Err.invalidGrantType();
            }
            return w.tokens().issue(requireApp(acc, c), c.param("secret"));
        });
        app("cgi-bin/stable_token", (acc, c) -> {
            JsonObject body = c.json();
            if (!"client_credential".equals(J.str(body, "grant_type"))) {
                throw Err.invalidGrantType();
            }
            return w.tokens().stable(requireApp(acc, c), J.str(body, "secret"), J.bool(body, "force_refresh", false));
        });
        // users and tags
        token("cgi-bin/user/get", UsersApi::userGet);
        token("cgi-bin/user/info", UsersApi::userInfo);
        token("cgi-bin/user/info/batchget", UsersApi::batchGet);
        token("cgi-bin/user/info/updateremark", UsersApi::updateRemark);
        token("cgi-bin/tags/create", UsersApi::tagCreate);
        token("cgi-bin/tags/get", UsersApi::tagGet);
        token("cgi-bin/tags/update", UsersApi::tagUpdate);
        token("cgi-bin/tags/delete", UsersApi::tagDelete);
        token("cgi-bin/user/tag/get", UsersApi::tagMembers);
        token("cgi-bin/tags/members/batchtagging", (a, c) -> UsersApi.batchTagging(a, c, true));
        token("cgi-bin/tags/members/batchuntagging", (a, c) -> UsersApi.batchTagging(a, c, false));
        token("cgi-bin/tags/getidlist", UsersApi::tagIdList);
        // media, materials, drafts
        token("cgi-bin/media/upload", (a, c) -> MediaApi.uploadTemporary(w, a, c));
        token("cgi-bin/media/get", (a, c) -> MediaApi.getTemporary(w, a, c));
        token("cgi-bin/media/uploadimg", (a, c) -> MediaApi.uploadImg(w, a, c));
        token("cgi-bin/media/uploadvideo", (a, c) -> MediaApi.uploadVideo(w, a, c));
        token("cgi-bin/media/uploadnews", MediaApi::unsupported);
        token("cgi-bin/material/add_material", (a, c) -> MediaApi.addMaterial(w, a, c));
        token("cgi-bin/material/get_material", (a, c) -> MediaApi.getMaterial(w, a, c));
        token("cgi-bin/material/del_material", (a, c) -> MediaApi.delMaterial(w, a, c));
        token("cgi-bin/material/get_materialcount", MediaApi::materialCount);
        token("cgi-bin/material/batchget_material", MediaApi::batchGetMaterial);
        token("cgi-bin/material/add_news", MediaApi::unsupported);
        token("cgi-bin/material/update_news", MediaApi::unsupported);
        token("cgi-bin/draft/add", (a, c) -> MediaApi.draftAdd(w, a, c));
        token("cgi-bin/draft/get", MediaApi::draftGet);
        token("cgi-bin/draft/update", (a, c) -> MediaApi.draftUpdate(w, a, c));
        token("cgi-bin/draft/batchget", MediaApi::draftBatchGet);
        token("cgi-bin/draft/delete", MediaApi::draftDelete);
        token("cgi-bin/draft/count", MediaApi::draftCount);
        // templates
        token("cgi-bin/template/get_industry", TemplatesApi::getIndustry);
        token("cgi-bin/template/api_set_industry", (a, c) -> TemplatesApi.setIndustry(w, a, c));
        token("cgi-bin/template/api_add_template", (a, c) -> TemplatesApi.addTemplate(w, a, c));
        token("cgi-bin/template/get_all_private_template", TemplatesApi::listTemplates);
        token("cgi-bin/template/del_private_template", TemplatesApi::deleteTemplate);
        token("wxa/sec/queryblocktmplmsg", (a, c) -> TemplatesApi.queryBlocked(w, a, c));
        token("cgi-bin/message/template/send", (a, c) -> TemplatesApi.send(w, a, c));
        token("cgi-bin/clear_quota", (a, c) -> TemplatesApi.clearQuota(w, a, c));
        token("cgi-bin/openapi/quota/get", (a, c) -> TemplatesApi.quotaGet(w, a, c));
        // service categories of the category model (documented by WeChat for mini programs)
        token("cgi-bin/wxopen/getallcategories", CategoriesApi::getAll);
        token("wxaapi/newtmpl/getcategory", CategoriesApi::getSelected);
        token("cgi-bin/wxopen/addcategory", (a, c) -> CategoriesApi.add(w, a, c));
        token("cgi-bin/wxopen/deletecategory", (a, c) -> CategoriesApi.delete(w, a, c));
        // customer service
        token("cgi-bin/message/custom/send", (a, c) -> KefuApi.send(w, a, c));
        token("cgi-bin/message/custom/typing", (a, c) -> KefuApi.typing(w, a, c));
        // mass
        token("cgi-bin/message/mass/sendall", (a, c) -> MassApi.sendAll(w, a, c));
        token("cgi-bin/message/mass/send", (a, c) -> MassApi.send(w, a, c));
        token("cgi-bin/message/mass/preview", (a, c) -> MassApi.preview(w, a, c));
        token("cgi-bin/message/mass/delete", MassApi::delete);
        token("cgi-bin/message/mass/get", MassApi::get);
        token("cgi-bin/message/mass/speed/get", MassApi::speedGet);
        token("cgi-bin/message/mass/speed/set", MassApi::speedSet);
    }

    private void app(String path, Handler h) {
        routes.put(path, new Route(false, h));
    }

    private void token(String path, Handler h) {
        routes.put(path, new Route(true, h));
    }

    public Set<String> paths() {
        return Collections.unmodifiableSet(new TreeSet<>(routes.keySet()));
    }

    private static Account requireApp(Account acc, ApiCall c) {
        if (acc == null) {
            String appid = c.param("appid");
            throw appid == null || appid.isEmpty() ? Err.appidMissing() : Err.invalidAppid();
        }
        return acc;
    }

    public ApiResult handle(ApiCall call) {
        Route route = routes.get(call.path());
        if (route == null) {
            return error(Err.invalidUrl(), 404);
        }
        Account acc;
        try {
            if (route.needsToken()) {
                acc = world.tokens().authenticate(call.query("access_token"));
            } else {
                String appid = call.param("appid");
                acc = world.findAccount(appid);
            }
        } catch (WeChatException e) {
            return error(e, 200);
        }
        if (acc != null) {
            WeChatException refused = acc.gate.check(world, acc, call);
            if (refused != null) {
                return error(refused, 200);
            }
        }
        Faults faults = acc == null ? Faults.NONE : acc.faults;
        if (faults == Faults.NONE || !faults.appliesTo(call.path())) {
            return execute(route, acc, call);
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long latency = faults.latencyMs() + (faults.latencyJitterMs() > 0 ? rnd.nextLong(faults.latencyJitterMs() + 1) : 0);
        if (rnd.nextDouble() < faults.timeoutRate()) {
            ApiResult r = faults.timeoutApplies() ? execute(route, acc, call) : error(Err.systemError(), 200);
            return r.delayed(latency + faults.hangMs());
        }
        if (rnd.nextDouble() < faults.http5xxRate()) {
            byte[] html = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>503</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            return new ApiResult(503, "text/html; charset=utf-8", html, latency);
        }
        if (rnd.nextDouble() < faults.errorRate()) {
            return error(Err.systemError(), 200).delayed(latency);
        }
        return execute(route, acc, call).delayed(latency);
    }

    private ApiResult execute(Route route, Account acc, ApiCall call) {
        try {
            Object out = route.handler().handle(acc, call);
            if (out instanceof ApiResult r) {
                return r;
            }
            return ApiResult.json((JsonObject) out);
        } catch (WeChatException e) {
            return error(e, 200);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox bug while handling " + call.path(), e);
            return error(Err.systemError(), 200);
        }
    }

    private ApiResult error(WeChatException e, int status) {
        JsonObjectBuilder b = Jsons.object().add("errcode", e.errcode())
                .add("errmsg", e.errmsg() + " rid: " + world.ids().rid());
        e.addExtra(b);
        ApiResult r = ApiResult.json(b.build());
        return status == 200 ? r : new ApiResult(status, r.contentType(), r.body(), 0);
    }

    static JsonObject ok() {
        return Jsons.object().add("errcode", 0).add("errmsg", "ok").build();
    }
}

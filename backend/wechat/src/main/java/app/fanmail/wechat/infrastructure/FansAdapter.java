package app.fanmail.wechat.infrastructure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.infrastructure.WeChatRestClients.UserApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** {@link WeChatFans} over WeChat's user and tag API. */
@ApplicationScoped
public class FansAdapter implements WeChatFans {
    @Inject
    WeChatGateway gateway;

    @Override
    public FollowerPage followers(UUID accountId, String nextOpenid) {
        JsonObject a = gateway.call(accountId, UserApi.class, (api, token) -> api.followers(token, nextOpenid == null ? "" : nextOpenid));
        return page(a);
    }

    /** WeChat's page size for follower and tag-member lists. */
    static final int PAGE = 10_000;

    /**
     * WeChat returns next_openid even on the last page (its last openid). Pages are full except the
     * last, so a short page ends the list; a full last page costs one extra, empty request.
     */
    private static FollowerPage page(JsonObject a) {
        List<String> openids = Json2.strings(Json2.arr(Json2.obj(a, "data"), "openid"));
        String next = Json2.str(a, "next_openid");
        boolean more = openids.size() >= PAGE && next != null && !next.isEmpty();
        return new FollowerPage(Json2.num(a, "total", openids.size()), openids, more ? next : null);
    }

    @Override
    public List<Fan> details(UUID accountId, List<String> openids) {
        if (openids.size() > 100) {
            throw new IllegalArgumentException("At most 100 openids per call");
        }
        JsonArrayBuilder list = JsonFactories.array();
        openids.forEach(o -> list.add(JsonFactories.object().add("openid", o).add("lang", "zh_CN")));
        JsonObject body = JsonFactories.object().add("user_list", list).build();
        JsonObject a = gateway.call(accountId, UserApi.class, (api, token) -> api.batchGet(token, body));
        List<Fan> fans = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "user_info_list")) {
            JsonObject u = v.asJsonObject();
            List<Integer> tags = new ArrayList<>();
            for (JsonValue t : Json2.arr(u, "tagid_list")) {
                tags.add(Integer.parseInt(t.toString()));
            }
            long subscribeTime = Json2.num(u, "subscribe_time", 0);
            fans.add(new Fan(Json2.str(u, "openid"), Json2.num(u, "subscribe", 0) == 1,
                    subscribeTime == 0 ? null : Instant.ofEpochSecond(subscribeTime), Json2.str(u, "unionid"), Json2.str(u, "remark"),
                    tags, Json2.str(u, "subscribe_scene"), Json2.str(u, "qr_scene_str")));
        }
        return fans;
    }

    @Override
    public java.util.concurrent.CompletionStage<FollowerPage> followersAsync(UUID accountId, String nextOpenid) {
        return gateway.getAsync(accountId, "/cgi-bin/user/get",
                "next_openid=" + java.net.URLEncoder.encode(nextOpenid == null ? "" : nextOpenid, java.nio.charset.StandardCharsets.UTF_8))
                .thenApply(FansAdapter::page);
    }

    @Override
    public java.util.concurrent.CompletionStage<FollowerPage> tagMembersAsync(UUID accountId, int tagId, String nextOpenid) {
        JsonObject body = JsonFactories.object().add("tagid", tagId).add("next_openid", nextOpenid == null ? "" : nextOpenid).build();
        return gateway.postAsync(accountId, "/cgi-bin/user/tag/get", body).thenApply(FansAdapter::page);
    }

    @Override
    public java.util.concurrent.CompletionStage<List<Tag>> tagsAsync(UUID accountId) {
        return gateway.getAsync(accountId, "/cgi-bin/tags/get", "").thenApply(FansAdapter::tagList);
    }

    @Override
    public List<Tag> tags(UUID accountId) {
        return tagList(gateway.call(accountId, UserApi.class, UserApi::tags));
    }

    private static List<Tag> tagList(JsonObject a) {
        List<Tag> tags = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "tags")) {
            JsonObject t = v.asJsonObject();
            tags.add(new Tag((int) Json2.num(t, "id", -1), Json2.str(t, "name"), Json2.num(t, "count", 0)));
        }
        return tags;
    }

    @Override
    public Tag createTag(UUID accountId, String name) {
        app.fanmail.wechat.domain.WeChatRules.requireTagName(name);
        JsonObject body = JsonFactories.object().add("tag", JsonFactories.object().add("name", name)).build();
        JsonObject tag = Json2.obj(gateway.call(accountId, UserApi.class, (api, token) -> api.tagCreate(token, body)), "tag");
        return new Tag((int) Json2.num(tag, "id", -1), Json2.str(tag, "name"), 0);
    }

    @Override
    public void renameTag(UUID accountId, int tagId, String name) {
        app.fanmail.wechat.domain.WeChatRules.requireChangeableTag(tagId);
        app.fanmail.wechat.domain.WeChatRules.requireTagName(name);
        JsonObject body = JsonFactories.object().add("tag", JsonFactories.object().add("id", tagId).add("name", name)).build();
        gateway.call(accountId, UserApi.class, (api, token) -> api.tagUpdate(token, body));
    }

    @Override
    public void deleteTag(UUID accountId, int tagId) {
        app.fanmail.wechat.domain.WeChatRules.requireChangeableTag(tagId);
        JsonObject body = JsonFactories.object().add("tag", JsonFactories.object().add("id", tagId)).build();
        gateway.call(accountId, UserApi.class, (api, token) -> api.tagDelete(token, body));
    }

    @Override
    public FollowerPage tagMembers(UUID accountId, int tagId, String nextOpenid) {
        JsonObject body = JsonFactories.object().add("tagid", tagId).add("next_openid", nextOpenid == null ? "" : nextOpenid).build();
        return page(gateway.call(accountId, UserApi.class, (api, token) -> api.tagMembers(token, body)));
    }

    @Override
    public void tag(UUID accountId, int tagId, List<String> openids) {
        JsonObject body = membership(tagId, openids);
        gateway.call(accountId, UserApi.class, (api, token) -> api.batchTag(token, body));
    }

    @Override
    public void untag(UUID accountId, int tagId, List<String> openids) {
        JsonObject body = membership(tagId, openids);
        gateway.call(accountId, UserApi.class, (api, token) -> api.batchUntag(token, body));
    }

    private static JsonObject membership(int tagId, List<String> openids) {
        app.fanmail.wechat.domain.WeChatRules.requireTagBatch(openids);
        JsonArrayBuilder list = JsonFactories.array();
        openids.forEach(list::add);
        return JsonFactories.object().add("openid_list", list).add("tagid", tagId).build();
    }

    @Override
    public List<Integer> tagsOf(UUID accountId, String openid) {
        JsonObject body = JsonFactories.object().add("openid", openid).build();
        JsonObject a = gateway.call(accountId, UserApi.class, (api, token) -> api.tagsOf(token, body));
        List<Integer> ids = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "tagid_list")) {
            ids.add(Integer.parseInt(v.toString()));
        }
        return ids;
    }

    @Override
    public void updateRemark(UUID accountId, String openid, String remark) {
        if (remark == null) {
            throw new IllegalArgumentException("A remark is a string; the empty one clears it");
        }
        app.fanmail.wechat.domain.WeChatRules.requireRemark(remark);
        JsonObject body = JsonFactories.object().add("openid", openid).add("remark", remark).build();
        gateway.call(accountId, UserApi.class, (api, token) -> api.updateRemark(token, body));
    }

    private static final String BATCHGET_PATH = "/cgi-bin/user/info/batchget";

    @Override
    public java.util.concurrent.CompletionStage<List<FanDetails>> detailsAsync(UUID accountId, List<String> openids) {
        if (openids.size() > 100) {
            return java.util.concurrent.CompletableFuture.failedStage(new IllegalArgumentException("At most 100 openids per call"));
        }
        JsonArrayBuilder list = JsonFactories.array();
        openids.forEach(o -> list.add(JsonFactories.object().add("openid", o).add("lang", "zh_CN")));
        JsonObject body = JsonFactories.object().add("user_list", list).build();
        return gateway.postAsync(accountId, BATCHGET_PATH, body).thenApply(FansAdapter::fanDetails);
    }

    static List<FanDetails> fanDetails(JsonObject a) {
        List<FanDetails> fans = new ArrayList<>();
        for (JsonValue v : Json2.arr(a, "user_info_list")) {
            JsonObject u = v.asJsonObject();
            List<Integer> tags = new ArrayList<>();
            for (JsonValue t : Json2.arr(u, "tagid_list")) {
                tags.add(Integer.parseInt(t.toString()));
            }
            long subscribeTime = Json2.num(u, "subscribe_time", 0);
            String qrScene = Json2.str(u, "qr_scene_str");
            long numericScene = Json2.num(u, "qr_scene", 0);
            fans.add(new FanDetails(Json2.str(u, "openid"), Json2.num(u, "subscribe", 0) == 1,
                    subscribeTime == 0 ? null : Instant.ofEpochSecond(subscribeTime), Json2.str(u, "unionid"), Json2.str(u, "remark"),
                    Json2.str(u, "language"), tags, Json2.str(u, "subscribe_scene"),
                    qrScene != null && !qrScene.isEmpty() ? qrScene : numericScene != 0 ? Long.toString(numericScene) : null));
        }
        return fans;
    }
}

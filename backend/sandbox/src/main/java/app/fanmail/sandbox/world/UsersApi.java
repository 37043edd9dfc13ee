package app.fanmail.sandbox.world;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Followers and tags: user/get, user/info, user/info/batchget, tags/*, user/tag/get. */
final class UsersApi {

    static final int BATCHGET_MAX = 100;
    static final int TAGGING_MAX = 50;

    private UsersApi() {
    }

    static JsonObject userGet(Account acc, ApiCall call) {
        String next = call.param("next_openid");
        synchronized (acc) {
            FanStore fans = acc.fans;
            int from = 0;
            if (next != null && !next.isEmpty()) {
                from = fans.require(next) + 1;
            }
            return page(fans, fans.subscribedView(), from, true);
        }
    }

    /** One page of ≤10,000 openids; next_openid = the last one, "" with no data once nothing is left. */
    private static JsonObject page(FanStore fans, BitSet set, int from, boolean withTotal) {
        int[] page = FanStore.page(set, from, FanStore.PAGE);
        JsonObjectBuilder b = Jsons.object();
        if (withTotal) {
            b.add("total", fans.subscribedCount());
        }
        b.add("count", page.length);
        if (page.length == 0) {
            return b.add("next_openid", "").build();
        }
        JsonArrayBuilder ids = Jsons.array();
        for (int idx : page) {
            ids.add(fans.openid(idx));
        }
        return b.add("data", Jsons.object().add("openid", ids))
                .add("next_openid", fans.openid(page[page.length - 1])).build();
    }

    static JsonObject userInfo(Account acc, ApiCall call) {
        String openid = call.param("openid");
        synchronized (acc) {
            return info(acc.fans, acc.fans.require(openid));
        }
    }

    static JsonObject batchGet(Account acc, ApiCall call) {
        JsonArray list = J.arr(call.requireJson(), "user_list");
        if (list == null || list.isEmpty() || list.size() > BATCHGET_MAX) {
            throw Err.invalidOpenidListSize();
        }
        synchronized (acc) {
            JsonArrayBuilder out = Jsons.array();
            for (JsonValue v : list) {
                String openid = v.getValueType() == JsonValue.ValueType.OBJECT ? J.str(v.asJsonObject(), "openid")
                        : v.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) v).getString() : null;
                out.add(info(acc.fans, acc.fans.require(openid)));
            }
            return Jsons.object().add("user_info_list", out).build();
        }
    }

    /** A scene id of 1 to 9 digits (what {@code \\d{1,9}} matches), without a regex per fan. */
    static boolean numericScene(String qr) {
        if (qr == null || qr.isEmpty() || qr.length() > 9) {
            return false;
        }
        for (int i = 0; i < qr.length(); i++) {
            char c = qr.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code user/info/updateremark}: the remark shows in user/info's {@code remark}. WeChat counts its limit in UTF-8
     * bytes (30: ten Chinese characters pass, eleven fail) and refuses a longer one with 40092.
     */
    static JsonObject updateRemark(Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        String openid = J.str(body, "openid");
        String remark = J.str(body, "remark");
        if (remark == null) {
            throw Err.argumentInvalid("remark");
        }
        synchronized (acc) {
            int idx = acc.fans.require(openid);
            if (remark.getBytes(StandardCharsets.UTF_8).length > REMARK_MAX_BYTES) {
                throw Err.of(40092, "invalid remark name");
            }
            acc.fans.remark(idx, remark);
        }
        return WeChatApi.ok();
    }

    static final int REMARK_MAX_BYTES = 30;

    /**
     * Post-2021 shape: no nickname, avatar, gender or region. {@code language} is still in the response (the doc marks
     * it "no longer provided" but keeps it, with zh_CN in its example), so SDKs that read it find it.
     */
    static JsonObject info(FanStore fans, int idx) {
        JsonObjectBuilder b = Jsons.object().add("subscribe", fans.isSubscribed(idx) ? 1 : 0)
                .add("openid", fans.openid(idx));
        if (!fans.isSubscribed(idx)) {
            return b.build();
        }
        JsonArrayBuilder tags = Jsons.array();
        for (int t : fans.tagsOf(idx)) {
            tags.add(t);
        }
        String qr = fans.qrScene(idx);
        return b.add("language", "zh_CN")
                .add("subscribe_time", fans.subscribeTime(idx))
                .add("remark", fans.remark(idx))
                .add("groupid", 0)
                .add("tagid_list", tags)
                .add("subscribe_scene", fans.scene(idx))
                .add("qr_scene", numericScene(qr) ? Integer.parseInt(qr) : 0)
                .add("qr_scene_str", qr != null && !numericScene(qr) ? qr : "")
                .build();
    }

    // ---------------------------------------------------------------- tags

    static JsonObject tagCreate(Account acc, ApiCall call) {
        JsonObject tag = J.obj(call.requireJson(), "tag");
        String name = J.str(tag, "name");
        synchronized (acc) {
            FanStore.Tag t = acc.fans.createTag(name);
            return Jsons.object().add("tag", Jsons.object().add("id", t.id).add("name", t.name))
                    .build();
        }
    }

    static JsonObject tagGet(Account acc, ApiCall call) {
        synchronized (acc) {
            JsonArrayBuilder out = Jsons.array();
            for (FanStore.Tag t : acc.fans.tags()) {
                out.add(Jsons.object().add("id", t.id).add("name", t.name).add("count", acc.fans.tagCount(t)));
            }
            return Jsons.object().add("tags", out).build();
        }
    }

    static JsonObject tagUpdate(Account acc, ApiCall call) {
        JsonObject tag = J.obj(call.requireJson(), "tag");
        int id = (int) J.lng(tag, "id", -1);
        synchronized (acc) {
            acc.fans.renameTag(id, J.str(tag, "name"));
        }
        return WeChatApi.ok();
    }

    static JsonObject tagDelete(Account acc, ApiCall call) {
        JsonObject tag = J.obj(call.requireJson(), "tag");
        int id = (int) J.lng(tag, "id", -1);
        synchronized (acc) {
            acc.fans.deleteTag(id);
        }
        return WeChatApi.ok();
    }

    static JsonObject tagMembers(Account acc, ApiCall call) {
        JsonObject body = call.requireJson();
        int tagId = (int) J.lng(body, "tagid", -1);
        String next = J.str(body, "next_openid");
        synchronized (acc) {
            FanStore fans = acc.fans;
            FanStore.Tag tag = fans.tag(tagId);
            if (tag == null) {
                throw Err.invalidTagId();
            }
            int from = next == null || next.isEmpty() ? 0 : fans.require(next) + 1;
            BitSet members = (BitSet) tag.members.clone();
            members.and(fans.subscribedView());
            return page(fans, members, from, false);
        }
    }

    static JsonObject batchTagging(Account acc, ApiCall call, boolean tag) {
        JsonObject body = call.requireJson();
        List<String> openids = J.strings(J.arr(body, "openid_list"));
        int tagId = (int) J.lng(body, "tagid", -1);
        if (openids.isEmpty() || openids.size() > TAGGING_MAX) {
            throw Err.invalidOpenidListSize();
        }
        synchronized (acc) {
            Set<Integer> fans = new LinkedHashSet<>();
            for (String openid : openids) {
                fans.add(acc.fans.require(openid));
            }
            int[] idx = fans.stream().mapToInt(Integer::intValue).toArray();
            if (tag) {
                acc.fans.tagFans(tagId, idx, acc.limits().tagsPerFan());
            } else {
                acc.fans.untagFans(tagId, idx);
            }
        }
        return WeChatApi.ok();
    }

    static JsonObject tagIdList(Account acc, ApiCall call) {
        String openid = J.str(call.requireJson(), "openid");
        synchronized (acc) {
            int idx = acc.fans.require(openid);
            JsonArrayBuilder ids = Jsons.array();
            for (int t : acc.fans.tagsOf(idx)) {
                ids.add(t);
            }
            return Jsons.object().add("tagid_list", ids).build();
        }
    }
}

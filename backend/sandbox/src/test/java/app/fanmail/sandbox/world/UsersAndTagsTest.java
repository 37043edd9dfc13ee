package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UsersAndTagsTest {

    private static List<String> openids(JsonObject page) {
        return page.getJsonObject("data").getJsonArray("openid").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toList());
    }

    @Test
    void userGetPagesTenThousandAtATimeAndEndsWithAnEmptyPage() {
        Sandbox sb = new Sandbox().serviceAccount().fans(25_000, null);
        String token = sb.token();
        Set<String> all = new HashSet<>();
        JsonObject p1 = sb.get("cgi-bin/user/get", "access_token", token);
        assertThat(p1.getInt("total")).isEqualTo(25_000);
        assertThat(p1.getInt("count")).isEqualTo(10_000);
        List<String> ids1 = openids(p1);
        assertThat(p1.getString("next_openid")).isEqualTo(ids1.get(ids1.size() - 1));
        all.addAll(ids1);
        JsonObject p2 = sb.get("cgi-bin/user/get", "access_token", token, "next_openid", p1.getString("next_openid"));
        assertThat(p2.getInt("count")).isEqualTo(10_000);
        all.addAll(openids(p2));
        JsonObject p3 = sb.get("cgi-bin/user/get", "access_token", token, "next_openid", p2.getString("next_openid"));
        assertThat(p3.getInt("count")).isEqualTo(5_000);
        all.addAll(openids(p3));
        JsonObject p4 = sb.get("cgi-bin/user/get", "access_token", token, "next_openid", p3.getString("next_openid"));
        assertThat(p4.getInt("count")).isZero();
        assertThat(p4.containsKey("data")).isFalse();
        assertThat(p4.getString("next_openid")).isEmpty();
        assertThat(all).hasSize(25_000).allSatisfy(o -> assertThat(o).hasSize(28).startsWith("o")
                .matches("[A-Za-z0-9_-]{28}"));
        assertThat(errcode(sb.get("cgi-bin/user/get", "access_token", token, "next_openid", "oNOTAFANxxxxxxxxxxxxxxxxxxxx")))
                .isEqualTo(40003);
    }

    @Test
    void exactlyTenThousandFollowersGiveOneFullPageThenAnEmptyOne() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10_000, null);
        String token = sb.token();
        JsonObject p1 = sb.get("cgi-bin/user/get", "access_token", token);
        assertThat(p1.getInt("count")).isEqualTo(10_000);
        JsonObject p2 = sb.get("cgi-bin/user/get", "access_token", token, "next_openid", p1.getString("next_openid"));
        assertThat(p2.getInt("count")).isZero();
    }

    @Test
    void userInfoBatchgetTakesAtMostOneHundred() {
        Sandbox sb = new Sandbox().serviceAccount().fans(200, null);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            list.append(i == 0 ? "" : ",").append("{\"openid\":\"").append(sb.openid(i)).append("\",\"lang\":\"zh_CN\"}");
        }
        assertThat(errcode(sb.call("cgi-bin/user/info/batchget", "{\"user_list\":[" + list + "]}"))).isEqualTo(40032);
        JsonObject ok = sb.call("cgi-bin/user/info/batchget", "{\"user_list\":[{\"openid\":\"" + sb.openid(3) + "\"}]}");
        JsonObject info = ok.getJsonArray("user_info_list").getJsonObject(0);
        assertThat(info.getInt("subscribe")).isEqualTo(1);
        assertThat(info.getString("openid")).isEqualTo(sb.openid(3));
        assertThat(info.containsKey("nickname")).isFalse();
    }

    @Test
    void tagLimits() {
        Sandbox sb = new Sandbox().serviceAccount().fans(100, null);
        // reserved ids 0..2
        assertThat(errcode(sb.call("cgi-bin/tags/update", "{\"tag\":{\"id\":2,\"name\":\"x\"}}"))).isEqualTo(45058);
        assertThat(errcode(sb.call("cgi-bin/tags/delete", "{\"tag\":{\"id\":1}}"))).isEqualTo(45058);
        // names: ≤30 UTF-8 bytes (45158: 11 Chinese characters are 33 bytes), unique (45157)
        assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"" + "广".repeat(11) + "\"}}")))
                .isEqualTo(45158);
        assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"" + "a".repeat(31) + "\"}}")))
                .isEqualTo(45158);
        JsonObject created = sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"" + "广".repeat(10) + "\"}}");
        assertThat(created.getJsonObject("tag").getInt("id")).isGreaterThanOrEqualTo(100);
        assertThat(errcode(sb.call("cgi-bin/tags/update", "{\"tag\":{\"id\":" + created.getJsonObject("tag").getInt("id")
                + ",\"name\":\"" + "广".repeat(10) + "x\"}}"))).isEqualTo(45158);
        assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"" + "a".repeat(30) + "\"}}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"" + "广".repeat(10) + "\"}}")))
                .isEqualTo(45157);
        // 100 tags at most
        for (int i = 2; i < 100; i++) {
            assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"t" + i + "\"}}"))).isZero();
        }
        assertThat(errcode(sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"one too many\"}}"))).isEqualTo(45056);
        assertThat(sb.call("cgi-bin/tags/get", "").getJsonArray("tags")).hasSize(101); // + 星标组
        assertThat(errcode(sb.call("cgi-bin/tags/delete", "{\"tag\":{\"id\":99999}}"))).isEqualTo(45159);
    }

    @Test
    void aTagWithMoreThan100kFansCannotBeDeleted() {
        Sandbox sb = new Sandbox().serviceAccount().fans(100_001, "[{\"name\":\"all\",\"share\":1.0}]");
        int id = sb.acc().fans.tagByName("all").id;
        assertThat(errcode(sb.call("cgi-bin/tags/delete", "{\"tag\":{\"id\":" + id + "}}"))).isEqualTo(45057);
        sb.call("cgi-bin/tags/members/batchuntagging",
                "{\"tagid\":" + id + ",\"openid_list\":[\"" + sb.openid(0) + "\"]}");
        assertThat(errcode(sb.call("cgi-bin/tags/delete", "{\"tag\":{\"id\":" + id + "}}"))).isZero();
    }

    @Test
    void batchTaggingTakesFiftyOpenidsAndAFanCarriesTwentyTags() {
        Sandbox sb = new Sandbox().serviceAccount().fans(100, null);
        int[] ids = new int[21];
        for (int i = 0; i < 21; i++) {
            ids[i] = sb.call("cgi-bin/tags/create", "{\"tag\":{\"name\":\"tag" + i + "\"}}").getJsonObject("tag").getInt("id");
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            list.append(i == 0 ? "" : ",").append('"').append(sb.openid(i)).append('"');
        }
        assertThat(errcode(sb.call("cgi-bin/tags/members/batchtagging",
                "{\"tagid\":" + ids[0] + ",\"openid_list\":[" + list + "]}"))).isEqualTo(40032);
        String fan = sb.openid(5);
        for (int i = 0; i < 20; i++) {
            assertThat(errcode(sb.call("cgi-bin/tags/members/batchtagging",
                    "{\"tagid\":" + ids[i] + ",\"openid_list\":[\"" + fan + "\"]}"))).isZero();
        }
        assertThat(errcode(sb.call("cgi-bin/tags/members/batchtagging",
                "{\"tagid\":" + ids[20] + ",\"openid_list\":[\"" + fan + "\",\"" + sb.openid(6) + "\"]}")))
                .isEqualTo(45059);
        assertThat(sb.acc().fans.tagsOf(6)).isEmpty(); // all or nothing
        assertThat(sb.call("cgi-bin/tags/getidlist", "{\"openid\":\"" + fan + "\"}").getJsonArray("tagid_list"))
                .hasSize(20);
        assertThat(errcode(sb.call("cgi-bin/tags/members/batchtagging",
                "{\"tagid\":" + ids[0] + ",\"openid_list\":[\"bogus\"]}"))).isEqualTo(40003);
        assertThat(errcode(sb.call("cgi-bin/tags/members/batchtagging",
                "{\"tagid\":424242,\"openid_list\":[\"" + fan + "\"]}"))).isEqualTo(45159);
    }

    @Test
    void tagMembersArePagedLikeUserGet() {
        Sandbox sb = new Sandbox().serviceAccount().fans(30_000, "[{\"name\":\"half\",\"share\":0.5}]");
        int id = sb.acc().fans.tagByName("half").id;
        int total = 0;
        String next = "";
        while (true) {
            JsonObject page = sb.call("cgi-bin/user/tag/get", "{\"tagid\":" + id + ",\"next_openid\":\"" + next + "\"}");
            if (page.getInt("count") == 0) {
                break;
            }
            assertThat(page.getInt("count")).isLessThanOrEqualTo(10_000);
            total += page.getInt("count");
            next = page.getString("next_openid");
        }
        int expected = sb.acc().fans.tagCount(sb.acc().fans.tag(id));
        assertThat(total).isEqualTo(expected).isBetween(14_000, 16_000);
    }
}

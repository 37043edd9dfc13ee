package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a widely used SDK needs and the sandbox lacked: user/info/updateremark is routed, user info carries
 * {@code language} and the remark, media/get answers files with WeChat's Content-disposition, and a temporary video
 * answers {@code video_url}.
 */
class SdkFidelityTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(5, null);

    @Test
    void updateRemarkShowsInUserInfoAndIsLimitedToThirtyUtf8Bytes() {
        String openid = sb.openid(1);
        JsonObject ok = sb.call("cgi-bin/user/info/updateremark", "{\"openid\":\"" + openid + "\",\"remark\":\"老客户王先生\"}");
        assertThat(ok.toString()).isEqualTo("{\"errcode\":0,\"errmsg\":\"ok\"}");
        JsonObject info = sb.get("cgi-bin/user/info", "access_token", sb.youngToken(), "openid", openid, "lang", "zh_CN");
        assertThat(info.getString("remark")).isEqualTo("老客户王先生");
        assertThat(info.getString("language")).isEqualTo("zh_CN");
        JsonObject batch = sb.call("cgi-bin/user/info/batchget", "{\"user_list\":[{\"openid\":\"" + openid + "\"}]}");
        JsonObject first = batch.getJsonArray("user_info_list").getJsonObject(0);
        assertThat(first.getString("remark")).isEqualTo("老客户王先生");
        assertThat(first.getString("language")).isEqualTo("zh_CN");

        // ten Chinese characters are 30 bytes and pass; eleven are 33 and fail with 40092
        assertThat(errcode(sb.call("cgi-bin/user/info/updateremark",
                "{\"openid\":\"" + openid + "\",\"remark\":\"" + "备".repeat(10) + "\"}"))).isZero();
        JsonObject tooLong = sb.call("cgi-bin/user/info/updateremark",
                "{\"openid\":\"" + openid + "\",\"remark\":\"" + "备".repeat(11) + "\"}");
        assertThat(errcode(tooLong)).isEqualTo(40092);
        assertThat(tooLong.getString("errmsg")).startsWith("invalid remark name");
        assertThat(sb.get("cgi-bin/user/info", "access_token", sb.youngToken(), "openid", openid).getString("remark"))
                .isEqualTo("备".repeat(10));
        // an empty remark clears it; someone else's openid is refused
        assertThat(errcode(sb.call("cgi-bin/user/info/updateremark", "{\"openid\":\"" + openid + "\",\"remark\":\"\"}")))
                .isZero();
        assertThat(sb.get("cgi-bin/user/info", "access_token", sb.youngToken(), "openid", openid).getString("remark"))
                .isEmpty();
        assertThat(errcode(sb.call("cgi-bin/user/info/updateremark",
                "{\"openid\":\"oNotAFanOfThisAccount000000000\",\"remark\":\"x\"}"))).isEqualTo(40003);
    }

    @Test
    void mediaGetAnswersFilesAsAnAttachmentWithTheirName() {
        String image = sb.uploaded("cgi-bin/media/upload", "image", "photo.jpg", null);
        ApiResult r = sb.raw(ApiCall.get("cgi-bin/media/get", Sandbox.map("access_token", sb.youngToken(), "media_id", image)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("image/");
        assertThat(r.headers()).containsEntry("Content-disposition", "attachment; filename=\"" + image + ".jpg\"");

        String voice = sb.uploaded("cgi-bin/media/upload", "voice", "hello.amr", null);
        ApiResult v = sb.raw(ApiCall.get("cgi-bin/media/get", Sandbox.map("access_token", sb.youngToken(), "media_id", voice)));
        assertThat(v.headers()).containsEntry("Content-disposition", "attachment; filename=\"" + voice + ".amr\"");

        // an error stays JSON without the header
        ApiResult missing = sb.raw(ApiCall.get("cgi-bin/media/get", Sandbox.map("access_token", sb.youngToken(), "media_id", "nope")));
        assertThat(missing.headers()).isEqualTo(Map.of());
        assertThat(errcode(missing.json())).isEqualTo(40007);
    }

    @Test
    void aTemporaryVideoAnswersVideoUrlWhileAPermanentOneAnswersDownUrl() {
        String temp = sb.uploaded("cgi-bin/media/upload", "video", "clip.mp4", null);
        JsonObject t = sb.get("cgi-bin/media/get", "access_token", sb.youngToken(), "media_id", temp);
        assertThat(t.getString("video_url")).startsWith("http");
        assertThat(t.containsKey("down_url")).isFalse();

        String permanent = sb.uploaded("cgi-bin/material/add_material", "video", "clip.mp4",
                "{\"title\":\"开箱\",\"introduction\":\"新品\"}");
        JsonObject p = sb.call("cgi-bin/material/get_material", "{\"media_id\":\"" + permanent + "\"}");
        assertThat(p.getString("down_url")).startsWith("http");
        assertThat(p.getString("title")).isEqualTo("开箱");
        assertThat(p.containsKey("video_url")).isFalse();
    }
}

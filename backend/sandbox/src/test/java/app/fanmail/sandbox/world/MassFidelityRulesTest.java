package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Mass rules the sandbox used to accept: send by openid list is for service accounts; a draft used in a mass send
 * leaves the draft box; 100 previews a day; only successfully sent messages can be deleted; voice, images and
 * uploadvideo take permanent materials only.
 */
class MassFidelityRulesTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(10, null);

    private String draft() {
        String cover = sb.uploaded("cgi-bin/material/add_material", "image", "c.jpg", null);
        JsonObject d = sb.call("cgi-bin/draft/add", "{\"articles\":[{\"title\":\"周报\",\"content\":\"<p>内容</p>\","
                + "\"thumb_media_id\":\"" + cover + "\"}]}");
        assertThat(errcode(d)).as(d.toString()).isZero();
        return d.getString("media_id");
    }

    private JsonObject sendAllNews(String draft) {
        return sb.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"mpnews\","
                + "\"mpnews\":{\"media_id\":\"" + draft + "\"},\"send_ignore_reprint\":0}");
    }

    @Test
    void sendByOpenidListIsForServiceAccountsOnly() {
        Sandbox sub = new Sandbox().account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\","
                + "\"type\":\"SUBSCRIPTION\",\"verified\":true}").fans(5, null);
        String body = "{\"touser\":[\"" + sub.openid(0) + "\",\"" + sub.openid(1) + "\"],\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"hi\"}}";
        JsonObject refused = sub.call("cgi-bin/message/mass/send", body);
        assertThat(errcode(refused)).isEqualTo(48001);
        assertThat(refused.getString("errmsg")).startsWith("api unauthorized");
        // sendall stays open to a verified subscription account (1 a day)
        assertThat(errcode(sub.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/message/mass/send", "{\"touser\":[\"" + sb.openid(0) + "\",\"" + sb.openid(1)
                + "\"],\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}"))).isZero();
    }

    @Test
    void aDraftSentToTheMassesLeavesTheDraftBoxButAPreviewKeepsIt() {
        String draft = draft();
        assertThat(errcode(sb.call("cgi-bin/message/mass/preview", "{\"touser\":\"" + sb.openid(0)
                + "\",\"msgtype\":\"mpnews\",\"mpnews\":{\"media_id\":\"" + draft + "\"}}"))).isZero();
        assertThat(sb.call("cgi-bin/draft/count", "").getInt("total_count")).isEqualTo(1);
        assertThat(errcode(sendAllNews(draft))).isZero();
        assertThat(sb.call("cgi-bin/draft/count", "").getInt("total_count")).isZero();
        assertThat(errcode(sb.call("cgi-bin/draft/get", "{\"media_id\":\"" + draft + "\"}"))).isEqualTo(40007);
        assertThat(errcode(sendAllNews(draft))).isEqualTo(40007);
        // a refused send leaves the draft where it was
        String kept = draft();
        sb.control.setFaults(APP, Sandbox.json("{\"quotaExhausted\":[\"mass\"]}"));
        assertThat(errcode(sendAllNews(kept))).isEqualTo(45028);
        assertThat(sb.call("cgi-bin/draft/count", "").getInt("total_count")).isEqualTo(1);
    }

    @Test
    void previewsToAWeChatIdAreLimitedTo100ADayPreviewsToAnOpenidAreNot() {
        String body = "{\"touser\":\"" + sb.openid(0) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"预览\"}}";
        String byName = "{\"towxname\":\"editor-wang\",\"msgtype\":\"text\",\"text\":{\"content\":\"预览\"}}";
        for (int i = 0; i < 100; i++) {
            assertThat(errcode(sb.call("cgi-bin/message/mass/preview", byName))).isZero();
            assertThat(errcode(sb.call("cgi-bin/message/mass/preview", body))).isZero();
        }
        JsonObject over = sb.call("cgi-bin/message/mass/preview", byName);
        assertThat(errcode(over)).isEqualTo(45009);
        assertThat(errcode(sb.call("cgi-bin/message/mass/preview", body))).isZero();
        JsonObject quota = sb.get("cgi-bin/openapi/quota/get", "access_token", sb.youngToken(),
                "cgi_path", "/cgi-bin/message/mass/preview").getJsonObject("quota");
        assertThat(quota.getInt("daily_limit")).isEqualTo(100);
        assertThat(quota.getInt("used")).isEqualTo(100);
        assertThat(errcode(sb.get("cgi-bin/openapi/quota/get", "access_token", sb.youngToken(),
                "cgi_path", "/cgi-bin/no/such/api"))).isEqualTo(76021);
        sb.advance(Duration.ofDays(1));
        assertThat(errcode(sb.call("cgi-bin/message/mass/preview", byName))).isZero();
    }

    @Test
    void onlySuccessfullySentMessagesCanBeDeleted() {
        sb.control.setOutcomes(APP, Sandbox.json("{\"pushDelayMs\":500}"));
        JsonObject sending = sendAllNews(draft());
        long msgId = sending.getJsonNumber("msg_id").longValue();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("SENDING");
        JsonObject early = sb.call("cgi-bin/message/mass/delete", "{\"msg_id\":" + msgId + ",\"article_idx\":0}");
        assertThat(errcode(early)).isEqualTo(40059);
        assertThat(early.getString("errmsg")).startsWith("invalid msg id");
        sb.runDelayed();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("SEND_SUCCESS");
        assertThat(errcode(sb.call("cgi-bin/message/mass/delete", "{\"msg_id\":" + msgId + ",\"article_idx\":0}"))).isZero();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("DELETE");

        // a job stopped by the originality check failed: not deletable either
        sb.control.setOutcomes(APP, Sandbox.json("{\"pushDelayMs\":0,\"massCheckState\":3}"));
        long failed = sendAllNews(draft()).getJsonNumber("msg_id").longValue();
        sb.runDelayed();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + failed + "}").getString("msg_status"))
                .isEqualTo("SEND_FAIL");
        assertThat(errcode(sb.call("cgi-bin/message/mass/delete", "{\"msg_id\":" + failed + "}"))).isEqualTo(40059);
        assertThat(errcode(sb.call("cgi-bin/message/mass/delete", "{\"msg_id\":123}"))).isEqualTo(40059);
    }

    @Test
    void massVoiceImagesAndUploadVideoTakePermanentMaterialsOnly() {
        String tempVoice = sb.uploaded("cgi-bin/media/upload", "voice", "v.mp3", null);
        String tempImage = sb.uploaded("cgi-bin/media/upload", "image", "i.jpg", null);
        String tempVideo = sb.uploaded("cgi-bin/media/upload", "video", "v.mp4", null);
        String voice = sb.uploaded("cgi-bin/material/add_material", "voice", "v.mp3", null);
        String image = sb.uploaded("cgi-bin/material/add_material", "image", "i.jpg", null);
        String video = sb.uploaded("cgi-bin/material/add_material", "video", "v.mp4",
                "{\"title\":\"t\",\"introduction\":\"i\"}");

        String all = "{\"filter\":{\"is_to_all\":true},";
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", all + "\"msgtype\":\"voice\",\"voice\":{\"media_id\":\""
                + tempVoice + "\"}}"))).isEqualTo(40007);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", all + "\"msgtype\":\"image\",\"images\":{\"media_ids\":[\""
                + tempImage + "\"]}}"))).isEqualTo(40007);
        assertThat(errcode(sb.call("cgi-bin/media/uploadvideo", "{\"media_id\":\"" + tempVideo
                + "\",\"title\":\"t\",\"description\":\"d\"}"))).isEqualTo(40007);

        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", all + "\"msgtype\":\"voice\",\"voice\":{\"media_id\":\""
                + voice + "\"}}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", all + "\"msgtype\":\"image\",\"images\":{\"media_ids\":[\""
                + image + "\"]}}"))).isZero();
        JsonObject mpvideo = sb.call("cgi-bin/media/uploadvideo", "{\"media_id\":\"" + video
                + "\",\"title\":\"t\",\"description\":\"d\"}");
        assertThat(errcode(mpvideo)).as(mpvideo.toString()).isZero();
    }
}

package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import app.fanmail.sandbox.crypto.Signatures;
import app.fanmail.sandbox.crypto.WxBizMsgCrypt;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulateAndMediaTest {

    @Test
    void aSubscribeViaQrCodeCarriesQrsceneAndTicketAndCreatesAFollower() {
        Sandbox sb = new Sandbox().serviceAccount().fans(3, null);
        JsonObject r = sb.control.simulate(APP, Sandbox.json("{\"kind\":\"subscribe\",\"scene\":\"123\"}"));
        assertThat(r.getBoolean("pushed")).isTrue();
        assertThat(r.getString("status")).isEqualTo("DELIVERED");
        String xml = r.getString("xml");
        assertThat(xml).contains("<MsgType><![CDATA[event]]></MsgType>", "<Event><![CDATA[subscribe]]></Event>",
                "<EventKey><![CDATA[qrscene_123]]></EventKey>", "<Ticket><![CDATA[gQH");
        assertThat(sb.acc().fans.subscribedCount()).isEqualTo(4);
        String openid = r.getString("openid");
        JsonObject info = sb.call("cgi-bin/user/info/batchget", "{\"user_list\":[{\"openid\":\"" + openid + "\"}]}")
                .getJsonArray("user_info_list").getJsonObject(0);
        assertThat(info.getString("subscribe_scene")).isEqualTo("ADD_SCENE_QR_CODE");
        assertThat(info.getInt("qr_scene")).isEqualTo(123);
    }

    @Test
    void userMessagesCarryAMsgIdAndReplayResendsTheSameRequest() {
        Sandbox sb = new Sandbox().serviceAccount().fans(3, null);
        JsonObject r = sb.control.simulate(APP, Sandbox.json("{\"kind\":\"text\",\"openid\":\"" + sb.openid(1)
                + "\",\"content\":\"退订\"}"));
        assertThat(r.getString("xml")).contains("<Content><![CDATA[退订]]></Content>", "<MsgId>" + r.getString("msgId"),
                "<FromUserName><![CDATA[" + sb.openid(1) + "]]>");
        sb.control.replay(APP);
        assertThat(sb.pushes).hasSize(2);
        assertThat(sb.pushes.get(1).uri()).isEqualTo(sb.pushes.get(0).uri());
        assertThat(sb.pushes.get(1).body()).isEqualTo(sb.pushes.get(0).body());
    }

    @Test
    void safeModePushesAreEncryptedAndSigned() {
        Sandbox sb = new Sandbox().account("{\"appId\":\"" + APP + "\",\"appSecret\":\"x\",\"token\":\"tok\","
                + "\"encodingAesKey\":\"" + Sandbox.AES_KEY + "\",\"encryptionMode\":\"SAFE\","
                + "\"callbackUrl\":\"http://receiver.test/cb\"}").fans(3, null);
        sb.control.simulate(APP, Sandbox.json("{\"kind\":\"CLICK\",\"eventKey\":\"V1001_TODAY_MUSIC\"}"));
        Sandbox.Pushed p = sb.pushes.get(0);
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : p.uri().getRawQuery().split("&")) {
            String[] a = kv.split("=", 2);
            q.put(a[0], java.net.URLDecoder.decode(a[1], StandardCharsets.UTF_8));
        }
        String encrypt = p.body().replaceAll("(?s).*<Encrypt><!\\[CDATA\\[(.*?)]]></Encrypt>.*", "$1");
        assertThat(q.get("msg_signature")).isEqualTo(Signatures.sha1Sorted("tok", q.get("timestamp"), q.get("nonce"), encrypt));
        String xml = new WxBizMsgCrypt("tok", Sandbox.AES_KEY, APP).decrypt(encrypt).message();
        assertThat(xml).contains("<Event><![CDATA[CLICK]]></Event>", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>");
        assertThat(p.body()).doesNotContain("CLICK");
    }

    private static ApiCall multipart(String path, String token, String type, String filename, int size, String description) {
        String boundary = "----sandboxBoundary";
        StringBuilder head = new StringBuilder();
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"media\"; filename=\"")
                .append(filename).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        StringBuilder tail = new StringBuilder("\r\n");
        if (description != null) {
            tail.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n")
                    .append(description).append("\r\n");
        }
        tail.append("--").append(boundary).append("--\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[h.length + size + t.length];
        System.arraycopy(h, 0, body, 0, h.length);
        System.arraycopy(t, 0, body, h.length + size, t.length);
        return new ApiCall("POST", path, Sandbox.map("access_token", token, "type", type), body,
                "multipart/form-data; boundary=" + boundary, false);
    }

    @Test
    void mediaMaterialsDraftsAndAMassNewsSend() {
        Sandbox sb = new Sandbox().serviceAccount().fans(20, null);
        String token = sb.token();
        JsonObject temp = sb.raw(multipart("cgi-bin/media/upload", token, "image", "a.jpg", 2048, null)).json();
        assertThat(temp.getString("type")).isEqualTo("image");
        assertThat(temp.getString("media_id")).hasSize(64);
        assertThat(errcode(sb.raw(multipart("cgi-bin/media/upload", token, "thumb", "t.jpg", 65 * 1024, null)).json()))
                .isEqualTo(40006);
        assertThat(errcode(sb.raw(multipart("cgi-bin/media/upload", token, "voice", "v.exe", 10, null)).json()))
                .isEqualTo(40005);
        assertThat(errcode(sb.raw(multipart("cgi-bin/media/upload", token, "gif", "a.gif", 10, null)).json()))
                .isEqualTo(40004);
        JsonObject video = sb.raw(multipart("cgi-bin/material/add_material", token, "video", "v.mp4", 4096, null)).json();
        assertThat(errcode(video)).isEqualTo(41005);
        video = sb.raw(multipart("cgi-bin/material/add_material", token, "video", "v.mp4", 4096,
                "{\"title\":\"片头\",\"introduction\":\"介绍\"}")).json();
        assertThat(video.getString("media_id")).isNotBlank();
        JsonObject thumb = sb.raw(multipart("cgi-bin/material/add_material", token, "thumb", "t.jpg", 1024, null)).json();
        assertThat(thumb.getString("url")).startsWith("http://mmbiz.qpic.cn/");
        JsonObject count = sb.post("cgi-bin/material/get_materialcount", token, "");
        assertThat(count.getInt("video_count")).isEqualTo(1);
        assertThat(count.getInt("image_count")).isEqualTo(1);
        assertThat(sb.raw(multipart("cgi-bin/media/uploadimg", token, "", "p.png", 100, null)).json().getString("url"))
                .startsWith("http://mmbiz.qpic.cn/mmbiz_jpg/");
        assertThat(errcode(sb.post("cgi-bin/material/add_news", token, "{\"articles\":[]}"))).isEqualTo(45103);

        JsonObject draft = sb.post("cgi-bin/draft/add", token, "{\"articles\":[{\"title\":\"春季新品\",\"author\":\"编辑部\","
                + "\"content\":\"<p>正文</p>\",\"thumb_media_id\":\"" + thumb.getString("media_id") + "\"}]}");
        String newsId = draft.getString("media_id");
        assertThat(errcode(sb.post("cgi-bin/draft/add", token, "{\"articles\":[{\"title\":\"t\",\"content\":\"c\","
                + "\"thumb_media_id\":\"nope\"}]}"))).isEqualTo(40007);
        assertThat(sb.post("cgi-bin/draft/get", token, "{\"media_id\":\"" + newsId + "\"}").getJsonArray("news_item"))
                .hasSize(1);
        assertThat(sb.post("cgi-bin/draft/count", token, "").getInt("total_count")).isEqualTo(1);
        assertThat(sb.post("cgi-bin/draft/batchget", token, "{\"offset\":0,\"count\":20,\"no_content\":1}")
                .getInt("item_count")).isEqualTo(1);

        JsonObject mass = sb.post("cgi-bin/message/mass/sendall", token, "{\"filter\":{\"is_to_all\":true},"
                + "\"mpnews\":{\"media_id\":\"" + newsId + "\"},\"msgtype\":\"mpnews\",\"send_ignore_reprint\":0}");
        assertThat(errcode(mass)).isZero();
        assertThat(mass.containsKey("msg_data_id")).isTrue();
        String xml = sb.pushes.get(sb.pushes.size() - 1).body();
        assertThat(xml).contains("<ArticleUrlResult>", "<ArticleIdx>1</ArticleIdx>");
        long msgId = mass.getJsonNumber("msg_id").longValue();
        assertThat(errcode(sb.post("cgi-bin/message/mass/delete", token, "{\"msg_id\":" + msgId + ",\"article_idx\":2}")))
                .isEqualTo(40060);
        assertThat(errcode(sb.post("cgi-bin/message/mass/delete", token, "{\"msg_id\":" + msgId + ",\"article_idx\":0}")))
                .isZero();
        assertThat(sb.post("cgi-bin/message/mass/get", token, "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("DELETE");

        JsonObject mpvideo = sb.post("cgi-bin/media/uploadvideo", token, "{\"media_id\":\"" + video.getString("media_id")
                + "\",\"title\":\"t\",\"description\":\"d\"}");
        assertThat(errcode(sb.post("cgi-bin/message/mass/sendall", token, "{\"filter\":{\"is_to_all\":true},"
                + "\"mpvideo\":{\"media_id\":\"" + mpvideo.getString("media_id") + "\"},\"msgtype\":\"mpvideo\"}")))
                .isZero();
        JsonObject summary = sb.control.ledgerSummary(APP);
        assertThat(summary.getJsonObject("byKind").getJsonObject("mass").getInt("sent")).isEqualTo(40);
        assertThat(summary.getJsonObject("duplicates").getInt("count")).isZero();
    }

    @Test
    void temporaryMediaExpireAfterThreeDays() {
        Sandbox sb = new Sandbox().serviceAccount().fans(3, null);
        String token = sb.token();
        String id = sb.raw(multipart("cgi-bin/media/upload", token, "voice", "a.amr", 100, null)).json()
                .getString("media_id");
        assertThat(sb.raw(ApiCall.get("cgi-bin/media/get", Sandbox.map("access_token", token, "media_id", id))).status())
                .isEqualTo(200);
        sb.advance(java.time.Duration.ofDays(3));
        token = sb.token();
        assertThat(errcode(sb.get("cgi-bin/media/get", "access_token", token, "media_id", id))).isEqualTo(40007);
    }

    @Test
    void unknownPathsAndBadJson() {
        Sandbox sb = new Sandbox().serviceAccount();
        String token = sb.token();
        ApiResult r = sb.raw(ApiCall.get("cgi-bin/nope", Sandbox.map("access_token", token)));
        assertThat(r.status()).isEqualTo(404);
        assertThat(errcode(sb.post("cgi-bin/tags/create", token, "{not json"))).isEqualTo(47001);
        assertThat(errcode(sb.post("cgi-bin/tags/create", token, ""))).isEqualTo(44002);
    }
}

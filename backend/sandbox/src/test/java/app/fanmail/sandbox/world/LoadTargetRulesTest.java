package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.fanmail.sandbox.push.PushRecord;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox as a load target for dispatch: verbatim template statuses, suppressed push kinds, mass originality-check
 * outcomes, ledger pages by client_msg_id prefix or mass job with counts and duplicates, permanent library caps.
 */
class LoadTargetRulesTest {

    private static final String TM00015_DATA = "{\"first\":{\"value\":\"您好\"},\"keyword1\":{\"value\":\"1\"},"
            + "\"keyword2\":{\"value\":\"2\"},\"keyword3\":{\"value\":\"3\"},\"keyword4\":{\"value\":\"4\"}}";

    private final Sandbox sb = new Sandbox().serviceAccount().fans(40, null);

    private String addTemplate() {
        JsonObject r = sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}");
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getString("template_id");
    }

    private JsonObject send(int fan, String templateId, String clientMsgId) {
        return sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(fan) + "\",\"template_id\":\""
                + templateId + "\"" + (clientMsgId == null ? "" : ",\"client_msg_id\":\"" + clientMsgId + "\"")
                + ",\"data\":" + TM00015_DATA + "}");
    }

    private static String field(String xml, String name) {
        int a = xml.indexOf("<" + name + ">");
        int b = xml.indexOf("</" + name + ">");
        String v = xml.substring(a + name.length() + 2, b);
        return v.startsWith("<![CDATA[") ? v.substring(9, v.length() - 3) : v;
    }

    private List<String> pushedStatuses() {
        List<String> out = new ArrayList<>();
        for (Sandbox.Pushed p : sb.pushes) {
            out.add(field(p.body(), "Status"));
        }
        return out;
    }

    @Test
    void otherTemplateStatusTextsAreSentVerbatimInTheirShare() {
        String t = addTemplate();
        sb.control.setOutcomes(APP, Sandbox.json("{\"templateStatuses\":{\"failed:freq limit\":1}}"));
        for (int i = 0; i < 5; i++) {
            assertThat(errcode(send(i, t, null))).isZero();
        }
        assertThat(pushedStatuses()).hasSize(5).containsOnly("failed:freq limit");
        assertThat(sb.control.ledgerSummary(APP).getJsonObject("byKind").getJsonObject("template")
                .getInt("failed:freq limit")).isEqualTo(5);

        sb.pushes.clear();
        sb.control.setOutcomes(APP, Sandbox.json("{\"templateStatuses\":{\"failed:freq limit\":0.5}}"));
        for (int i = 0; i < 40; i++) {
            send(i, t, null);
        }
        assertThat(pushedStatuses()).containsOnly("failed:freq limit", "success").contains("success", "failed:freq limit");
        // shares above 1 together, or negative, are refused and change nothing
        assertThatThrownBy(() -> sb.control.setOutcomes(APP, Sandbox.json(
                "{\"templateUserBlockRate\":0.6,\"templateStatuses\":{\"failed:freq limit\":0.5}}")))
                .isInstanceOf(ControlException.class);
        assertThat(sb.control.getOutcomes(APP).getJsonObject("templateStatuses").getJsonNumber("failed:freq limit")
                .doubleValue()).isEqualTo(0.5);
    }

    @Test
    void aSuppressedPushKindIsNotSentButTheSendCompletes() {
        String t = addTemplate();
        sb.control.setOutcomes(APP, Sandbox.json("{\"suppressedPushes\":[\"TEMPLATESENDJOBFINISH\"]}"));
        assertThat(errcode(send(1, t, "job7:1"))).isZero();
        assertThat(sb.pushes).isEmpty();
        List<PushRecord> log = sb.acc().pushes.recent(10, "TEMPLATESENDJOBFINISH", null);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).status()).isEqualTo("SUPPRESSED");
        // the outcome is still there to poll
        JsonObject page = sb.control.ledgerPage(APP, "job7:", null, null, 10);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("status")).isEqualTo("success");
        // mass finish pushes are a kind of their own
        sb.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
        assertThat(sb.pushes).hasSize(1);
        assertThat(sb.pushes.get(0).body()).contains("MASSSENDJOBFINISH");
        sb.control.setOutcomes(APP, Sandbox.json("{\"suppressedPushes\":[]}"));
        send(2, t, null);
        assertThat(sb.pushes).hasSize(2);
    }

    private String draft() {
        String token = sb.token();
        JsonObject thumb = sb.raw(material(token, "thumb", "t.jpg", null)).json();
        JsonObject d = sb.post("cgi-bin/draft/add", token, "{\"articles\":[{\"title\":\"t\",\"content\":\"c\","
                + "\"thumb_media_id\":\"" + thumb.getString("media_id") + "\"}]}");
        assertThat(errcode(d)).as(d.toString()).isZero();
        return d.getString("media_id");
    }

    private int newsSends;

    private JsonObject sendNews(String mediaId, int ignoreReprint) {
        return sb.call("cgi-bin/message/mass/sendall", "{\"filter\":{\"is_to_all\":true},\"mpnews\":{\"media_id\":\""
                + mediaId + "\"},\"msgtype\":\"mpnews\",\"send_ignore_reprint\":" + ignoreReprint
                + ",\"clientmsgid\":\"news-" + ++newsSends + "\"}");
    }

    @Test
    void massOriginalityCheckOutcomesAreConfigurable() {
        // each accepted send takes its draft out of the draft box: one draft per send (made before the sends, whose
        // token draft() would replace)
        String news = draft();
        String second = draft();
        String third = draft();
        String fourth = draft();
        sb.control.setOutcomes(APP, Sandbox.json("{\"massCheckState\":2}"));
        JsonObject stopped = sendNews(news, 0);
        assertThat(errcode(stopped)).isZero();
        String xml = sb.pushes.get(sb.pushes.size() - 1).body();
        assertThat(field(xml, "Status")).isEqualTo("err(30003)");
        assertThat(field(xml, "CheckState")).isEqualTo("2");
        assertThat(field(xml, "SentCount")).isEqualTo("0");
        assertThat(field(xml, "CanReprint")).isEqualTo("1");
        assertThat(xml).doesNotContain("ArticleUrlResult");
        JsonObject page = sb.control.ledgerPage(APP, null, Long.toString(stopped.getJsonNumber("msg_id").longValue()),
                null, 100);
        assertThat(page.getJsonObject("counts").getString("status")).isEqualTo("SEND_FAIL");
        assertThat(page.getJsonObject("counts").getInt("errors")).isEqualTo(40);

        xml = lastPushAfter(sendNews(second, 1));
        assertThat(field(xml, "Status")).isEqualTo("send success");
        assertThat(field(xml, "CheckState")).isEqualTo("2");
        assertThat(field(xml, "SentCount")).isEqualTo("40");

        sb.control.setOutcomes(APP, Sandbox.json("{\"massCheckState\":3}"));
        xml = lastPushAfter(sendNews(third, 1));
        assertThat(field(xml, "Status")).isEqualTo("err(30002)");
        assertThat(field(xml, "CanReprint")).isEqualTo("0");

        sb.control.setOutcomes(APP, Sandbox.json("{\"massCheckState\":1}"));
        xml = lastPushAfter(sendNews(fourth, 0));
        assertThat(field(xml, "Status")).isEqualTo("send success");
        assertThat(field(xml, "CheckState")).isEqualTo("1");
        assertThatThrownBy(() -> sb.control.setOutcomes(APP, Sandbox.json("{\"massCheckState\":4}")))
                .isInstanceOf(ControlException.class);
    }

    private String lastPushAfter(JsonObject sent) {
        assertThat(errcode(sent)).as(sent.toString()).isZero();
        return sb.pushes.get(sb.pushes.size() - 1).body();
    }

    @Test
    void theLedgerPagesByClientMsgIdPrefixWithCountsAndDuplicates() {
        String t = addTemplate();
        for (int i = 0; i < 25; i++) {
            send(i, t, "job42:" + i);
        }
        send(0, t, "job43:0");
        // a resend after WeChat's 10-minute window is delivered again: a duplicate
        sb.advance(java.time.Duration.ofMinutes(11));
        send(3, t, "job42:3");
        send(4, t, "job42:4");

        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        JsonObject page;
        do {
            page = sb.control.ledgerPage(APP, "job42:", null, after, 10);
            page.getJsonArray("items").forEach(v -> seen.add(v.asJsonObject().getString("clientMsgId")));
            JsonObject counts = page.getJsonObject("counts");
            assertThat(counts.getInt("total")).isEqualTo(27);
            assertThat(counts.getInt("fans")).isEqualTo(25);
            assertThat(counts.getInt("duplicates")).isEqualTo(2);
            assertThat(counts.getJsonObject("byStatus").getInt("success")).isEqualTo(27);
            after = page.containsKey("next") ? page.getString("next") : null;
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(27).doesNotContain("job43:0");
        assertThat(seen.subList(0, 3)).containsExactly("job42:0", "job42:1", "job42:2");
        assertThat(seen.subList(25, 27)).containsExactly("job42:3", "job42:4");
        assertThatThrownBy(() -> sb.control.ledgerPage(APP, "job42:", "1", null, 10)).isInstanceOf(ControlException.class);
        assertThatThrownBy(() -> sb.control.ledgerPage(APP, null, null, null, 10)).isInstanceOf(ControlException.class);
    }

    @Test
    void theLedgerPagesThroughTheRecipientsOfAMassJob() {
        JsonObject sent = sb.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");
        String msgId = Long.toString(sent.getJsonNumber("msg_id").longValue());
        List<String> openids = new ArrayList<>();
        String after = null;
        do {
            JsonObject page = sb.control.ledgerPage(APP, null, msgId, after, 16);
            assertThat(page.getJsonObject("counts").getInt("total")).isEqualTo(40);
            assertThat(page.getJsonObject("counts").getInt("sent")).isEqualTo(40);
            page.getJsonArray("items").forEach(v -> openids.add(v.asJsonObject().getString("openid")));
            after = page.containsKey("next") ? page.getString("next") : null;
        } while (after != null);
        assertThat(openids).hasSize(40).doesNotHaveDuplicates().startsWith(sb.openid(0));
        assertThatThrownBy(() -> sb.control.ledgerPage(APP, null, "12345", null, 10))
                .isInstanceOf(ControlException.class);
    }

    private static ApiCall material(String token, String type, String filename, String description) {
        String boundary = "----capBoundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\nxx\r\n"
                + (description == null ? "" : "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n" + description + "\r\n")
                + "--" + boundary + "--\r\n";
        return new ApiCall("POST", "cgi-bin/material/add_material", Sandbox.map("access_token", token, "type", type),
                body.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary, false);
    }

    @Test
    void thePermanentLibraryIsCappedPerType() {
        String token = sb.token();
        for (int i = 0; i < 5_000; i++) {
            String type = i % 2 == 0 ? "image" : "thumb";
            assertThat(errcode(sb.raw(material(token, type, "p.jpg", null)).json())).isZero();
        }
        JsonObject full = sb.raw(material(token, "image", "p.jpg", null)).json();
        assertThat(errcode(full)).isEqualTo(45110);
        assertThat(full.getString("errmsg")).contains("reach limit 5000");
        assertThat(errcode(sb.raw(material(token, "thumb", "p.jpg", null)).json())).isEqualTo(45110);
        for (int i = 0; i < 1_000; i++) {
            assertThat(errcode(sb.raw(material(token, "voice", "v.mp3", null)).json())).isZero();
        }
        assertThat(errcode(sb.raw(material(token, "voice", "v.mp3", null)).json())).isEqualTo(45110);
        // video has a cap of its own
        assertThat(errcode(sb.raw(material(token, "video", "v.mp4", "{\"title\":\"t\"}")).json())).isZero();
        // deleting one makes room again
        String any = sb.acc().media.media.values().stream().filter(m -> m.type.equals("image")).findFirst()
                .orElseThrow().id;
        assertThat(errcode(sb.post("cgi-bin/material/del_material", token, "{\"media_id\":\"" + any + "\"}"))).isZero();
        assertThat(errcode(sb.raw(material(token, "image", "p.jpg", null)).json())).isZero();
    }

    @Test
    void draftsCountAsNewsAgainstTheirCap() {
        sb.control.patchAccount(APP, Sandbox.json("{\"limits\":{\"materialsNewsAndImagesMax\":3}}"));
        String token = sb.token();
        JsonObject thumb = sb.raw(material(token, "thumb", "t.jpg", null)).json();
        String article = "{\"articles\":[{\"title\":\"t\",\"content\":\"c\",\"thumb_media_id\":\""
                + thumb.getString("media_id") + "\"}]}";
        for (int i = 0; i < 3; i++) {
            assertThat(errcode(sb.post("cgi-bin/draft/add", token, article))).isZero();
        }
        assertThat(errcode(sb.post("cgi-bin/draft/add", token, article))).isEqualTo(45110);
        assertThat(sb.post("cgi-bin/draft/count", token, "").getInt("total_count")).isEqualTo(3);
    }
}

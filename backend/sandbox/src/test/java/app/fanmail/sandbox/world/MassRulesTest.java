package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MassRulesTest {

    private static String sendAllText(String content, String clientMsgId) {
        return "{\"filter\":{\"is_to_all\":true},\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}"
                + (clientMsgId == null ? "" : ",\"clientmsgid\":\"" + clientMsgId + "\"") + "}";
    }

    private static String pushField(String xml, String field) {
        int a = xml.indexOf("<" + field + ">");
        int b = xml.indexOf("</" + field + ">");
        return xml.substring(a + field.length() + 2, b);
    }

    @Test
    void serviceAccountsMakeAtMost100CallsADay() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        for (int i = 0; i < 100; i++) {
            assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("n" + i, null)))).isZero();
            sb.advance(Duration.ofSeconds(1)); // stay under 60 sendall a minute
        }
        JsonObject over = sb.call("cgi-bin/message/mass/sendall", sendAllText("n100", null));
        assertThat(errcode(over)).isEqualTo(45028);
        assertThat(over.getString("errmsg")).startsWith("has no masssend quota");
        sb.advance(Duration.ofDays(1));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("n101", null)))).isZero();
    }

    @Test
    void sendallIsLimitedTo60AMinute() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        for (int i = 0; i < 60; i++) {
            assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("m" + i, null)))).isZero();
        }
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("m60", null)))).isEqualTo(45011);
        sb.advance(Duration.ofSeconds(60));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("m61", null)))).isZero();
    }

    @Test
    void eachFanGetsAtMostFourMassMessagesPerCalendarMonth() {
        Sandbox sb = new Sandbox(Instant.parse("2026-03-31T15:00:00Z"), null).serviceAccount().fans(100, null); // 23:00 Shanghai
        for (int i = 0; i < 4; i++) {
            sb.call("cgi-bin/message/mass/sendall", sendAllText("month " + i, null));
        }
        sb.pushes.clear();
        JsonObject fifth = sb.call("cgi-bin/message/mass/sendall", sendAllText("fifth", null));
        assertThat(errcode(fifth)).isZero(); // the call succeeds, the fans are filtered
        String xml = sb.pushes.get(0).body();
        assertThat(pushField(xml, "Event")).contains("MASSSENDJOBFINISH");
        assertThat(pushField(xml, "TotalCount")).isEqualTo("100");
        assertThat(pushField(xml, "FilterCount")).isEqualTo("0");
        assertThat(pushField(xml, "SentCount")).isEqualTo("0");
        // a fan reached through mass/send is capped too
        JsonObject byList = sb.call("cgi-bin/message/mass/send", "{\"touser\":[\"" + sb.openid(1) + "\",\"" + sb.openid(2)
                + "\"],\"msgtype\":\"text\",\"text\":{\"content\":\"list\"}}");
        assertThat(errcode(byList)).isZero();
        assertThat(pushField(sb.pushes.get(1).body(), "FilterCount")).isEqualTo("0");
        sb.advance(Duration.ofHours(1)); // 1 April, 00:00 in Shanghai
        sb.pushes.clear();
        sb.call("cgi-bin/message/mass/sendall", sendAllText("april", null));
        assertThat(pushField(sb.pushes.get(0).body(), "FilterCount")).isEqualTo("100");
        assertThat(pushField(sb.pushes.get(0).body(), "SentCount")).isEqualTo("100");
    }

    @Test
    void subscriptionAccountsGetOneMassSendADay() {
        Sandbox sb = new Sandbox(Instant.parse("2026-03-10T15:00:00Z"), null); // 23:00 Shanghai
        sb.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"type\":\"SUBSCRIPTION\"}").fans(10, null);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("today", null)))).isZero();
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("again", null)))).isEqualTo(45028);
        sb.advance(Duration.ofHours(1));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("tomorrow", null)))).isZero();
        // no per-fan monthly cap on subscription accounts
        for (int d = 0; d < 5; d++) {
            sb.advance(Duration.ofDays(1));
            sb.call("cgi-bin/message/mass/sendall", sendAllText("day " + d, null));
        }
        assertThat(sb.control.ledgerSummary(APP).getJsonObject("byKind").getJsonObject("mass").getInt("sent"))
                .isEqualTo(70);
    }

    @Test
    void sendTakesTwoToTenThousandOpenids() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10_001, null);
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 10_001; i++) {
            list.append(i == 0 ? "" : ",").append('"').append(sb.openid(i)).append('"');
        }
        String tooMany = "{\"touser\":[" + list + "],\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}";
        assertThat(errcode(sb.call("cgi-bin/message/mass/send", tooMany))).isEqualTo(40130);
        String tenThousand = tooMany.replace(",\"" + sb.openid(10_000) + "\"", "");
        assertThat(errcode(sb.call("cgi-bin/message/mass/send", tenThousand))).isZero();
        JsonObject one = sb.call("cgi-bin/message/mass/send",
                "{\"touser\":[\"" + sb.openid(0) + "\"],\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}");
        assertThat(errcode(one)).isEqualTo(40130);
        assertThat(one.getString("errmsg")).startsWith("invalid openid list size, at least two openid");
        assertThat(errcode(sb.call("cgi-bin/message/mass/send", "{\"touser\":[\"" + sb.openid(0) + "\",\"" + sb.openid(1)
                + "\"],\"msgtype\":\"text\",\"text\":{\"content\":\"two\"}}"))).isZero();
    }

    @Test
    void aClientmsgidIsRememberedFor24HoursAndReturnsTheExistingMsgId() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        JsonObject first = sb.call("cgi-bin/message/mass/sendall", sendAllText("hello", "campaign-1"));
        long msgId = first.getJsonNumber("msg_id").longValue();
        sb.advance(Duration.ofHours(23));
        JsonObject dup = sb.call("cgi-bin/message/mass/sendall", sendAllText("different content", "campaign-1"));
        assertThat(errcode(dup)).isEqualTo(45065);
        assertThat(dup.getJsonNumber("msg_id").longValue()).isEqualTo(msgId);
        assertThat(dup.getString("errmsg")).startsWith("clientmsgid exist");
        sb.advance(Duration.ofHours(1));
        JsonObject again = sb.call("cgi-bin/message/mass/sendall", sendAllText("hello", "campaign-1"));
        assertThat(errcode(again)).isZero();
        assertThat(again.getJsonNumber("msg_id").longValue()).isNotEqualTo(msgId);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("x", "y".repeat(65))))).isEqualTo(45067);
    }

    @Test
    void withoutAClientmsgidTheSameContentToTheSameAudienceIsADuplicate() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        long msgId = sb.call("cgi-bin/message/mass/sendall", sendAllText("same", null)).getJsonNumber("msg_id").longValue();
        JsonObject dup = sb.call("cgi-bin/message/mass/sendall", sendAllText("same", null));
        assertThat(errcode(dup)).isEqualTo(45065);
        assertThat(dup.getJsonNumber("msg_id").longValue()).isEqualTo(msgId);
    }

    @Test
    void retryingAFailedClientmsgidWithinAMinuteGives45066() {
        Sandbox sb = new Sandbox();
        sb.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"type\":\"SUBSCRIPTION\"}").fans(10, null);
        sb.call("cgi-bin/message/mass/sendall", sendAllText("first", "a"));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("second", "b")))).isEqualTo(45028);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("second", "b")))).isEqualTo(45066);
        sb.advance(Duration.ofSeconds(60));
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall", sendAllText("second", "b")))).isEqualTo(45028);
    }

    @Test
    void massJobsFinishWithCountsAndCanBeQueried() {
        Sandbox sb = new Sandbox().serviceAccount().fans(1_000, "[{\"name\":\"VIP\",\"share\":0.2}]");
        sb.control.setOutcomes(APP, Sandbox.json("{\"massErrorRate\":0.1}"));
        int tag = sb.acc().fans.tagByName("VIP").id;
        JsonObject r = sb.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":false,\"tag_id\":" + tag + "},\"msgtype\":\"text\",\"text\":{\"content\":\"vip\"}}");
        long msgId = r.getJsonNumber("msg_id").longValue();
        String xml = sb.pushes.get(0).body();
        int total = Integer.parseInt(pushField(xml, "TotalCount"));
        int sent = Integer.parseInt(pushField(xml, "SentCount"));
        int errors = Integer.parseInt(pushField(xml, "ErrorCount"));
        assertThat(total).isEqualTo(sb.acc().fans.tagCount(sb.acc().fans.tag(tag)));
        assertThat(Integer.parseInt(pushField(xml, "FilterCount"))).isEqualTo(sent + errors);
        assertThat(errors).isBetween(1, total / 3);
        assertThat(pushField(xml, "Status")).isEqualTo("<![CDATA[send success]]>");
        assertThat(xml).contains("<MsgID>" + msgId + "</MsgID>", "<CheckState>1</CheckState>");
        JsonObject status = sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}");
        assertThat(status.getString("msg_status")).isEqualTo("SEND_SUCCESS");
        assertThat(errcode(sb.call("cgi-bin/message/mass/delete", "{\"msg_id\":" + msgId + ",\"article_idx\":0}")))
                .isEqualTo(40008);
        assertThat(errcode(sb.call("cgi-bin/message/mass/sendall",
                "{\"filter\":{\"is_to_all\":false,\"tag_id\":9999},\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}")))
                .isEqualTo(40050);
        JsonObject speed = sb.call("cgi-bin/message/mass/speed/get", "");
        assertThat(speed.getInt("speed")).isZero();
        assertThat(speed.getInt("realspeed")).isEqualTo(80);
        assertThat(errcode(sb.call("cgi-bin/message/mass/speed/set", "{\"speed\":5}"))).isEqualTo(45083);
        assertThat(errcode(sb.call("cgi-bin/message/mass/speed/set", "{\"speed\":3}"))).isZero();
        assertThat(sb.call("cgi-bin/message/mass/speed/get", "").getInt("realspeed")).isEqualTo(30);
    }

    @Test
    void aDelayedJobIsSendingUntilItFinishes() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        sb.control.setOutcomes(APP, Sandbox.json("{\"pushDelayMs\":5000}"));
        long msgId = sb.call("cgi-bin/message/mass/sendall", sendAllText("later", null)).getJsonNumber("msg_id").longValue();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("SENDING");
        assertThat(sb.pushes).isEmpty();
        sb.runDelayed();
        assertThat(sb.call("cgi-bin/message/mass/get", "{\"msg_id\":" + msgId + "}").getString("msg_status"))
                .isEqualTo("SEND_SUCCESS");
        assertThat(sb.pushes).hasSize(1);
    }

    @Test
    void previewReachesOneFanAndIsLedgered() {
        Sandbox sb = new Sandbox().serviceAccount().fans(10, null);
        JsonObject r = sb.call("cgi-bin/message/mass/preview",
                "{\"touser\":\"" + sb.openid(4) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"preview\"}}");
        assertThat(r.getString("errmsg")).isEqualTo("preview success");
        assertThat(sb.control.ledger(APP, sb.openid(4), "preview", 10, 0).getInt("count")).isEqualTo(1);
        assertThat(sb.pushes).isEmpty();
    }
}

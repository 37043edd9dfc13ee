package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KefuWindowTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(20, null);

    private int send(int fan) {
        return errcode(sb.call("cgi-bin/message/custom/send",
                "{\"touser\":\"" + sb.openid(fan) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"您好\"}}"));
    }

    private void simulate(String kind, int fan) {
        sb.control.simulate(APP, Sandbox.json("{\"kind\":\"" + kind + "\",\"openid\":\"" + sb.openid(fan) + "\"}"));
    }

    @Test
    void withoutAnyInteractionTheWindowIsClosed() {
        assertThat(send(1)).isEqualTo(45015);
    }

    @Test
    void aUserMessageOpensFiveMessagesFor48Hours() {
        simulate("text", 1);
        for (int i = 0; i < 5; i++) {
            assertThat(send(1)).as("message " + (i + 1)).isZero();
        }
        assertThat(send(1)).isEqualTo(45047);
        simulate("text", 2);
        sb.advance(Duration.ofHours(48).minusSeconds(1));
        assertThat(send(2)).isZero();
        sb.advance(Duration.ofSeconds(1));
        assertThat(send(2)).isEqualTo(45015);
    }

    @Test
    void aNewUserMessageRenewsTheWindow() {
        simulate("text", 1);
        for (int i = 0; i < 5; i++) {
            send(1);
        }
        simulate("voice", 1);
        assertThat(send(1)).isZero();
    }

    @Test
    void menuClicksFollowsAndScansOpenThreeMessagesForOneMinute() {
        for (String kind : new String[]{"CLICK", "scancode_push", "scancode_waitmsg", "SCAN"}) {
            Sandbox s = new Sandbox().serviceAccount().fans(3, null);
            s.control.simulate(APP, Sandbox.json("{\"kind\":\"" + kind + "\",\"openid\":\"" + s.openid(1) + "\"}"));
            String body = "{\"touser\":\"" + s.openid(1) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}";
            for (int i = 0; i < 3; i++) {
                assertThat(errcode(s.call("cgi-bin/message/custom/send", body))).as(kind).isZero();
            }
            assertThat(errcode(s.call("cgi-bin/message/custom/send", body))).as(kind).isEqualTo(45047);
            s.advance(Duration.ofSeconds(60));
            assertThat(errcode(s.call("cgi-bin/message/custom/send", body))).as(kind).isEqualTo(45015);
        }
    }

    @Test
    void aNewFollowerGetsThreeMessagesForAMinute() {
        var r = sb.control.simulate(APP, Sandbox.json("{\"kind\":\"subscribe\",\"scene\":\"campaign42\"}"));
        String openid = r.getString("openid");
        String body = "{\"touser\":\"" + openid + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"欢迎\"}}";
        for (int i = 0; i < 3; i++) {
            assertThat(errcode(sb.call("cgi-bin/message/custom/send", body))).isZero();
        }
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", body))).isEqualTo(45047);
    }

    @Test
    void viewAndLocationEventsOpenNothing() {
        simulate("VIEW", 1);
        simulate("LOCATION", 1);
        assertThat(send(1)).isEqualTo(45015);
    }

    @Test
    void unfollowedFansAndBadOpenids() {
        simulate("text", 1);
        simulate("unsubscribe", 1);
        assertThat(send(1)).isEqualTo(45015);
        assertThat(errcode(sb.call("cgi-bin/message/custom/send",
                "{\"touser\":\"nobody\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))).isEqualTo(40003);
    }

    @Test
    void everyMessageTypeIsCheckedAndLedgered() {
        simulate("text", 1);
        assertThat(errcode(sb.call("cgi-bin/message/custom/send",
                "{\"touser\":\"" + sb.openid(1) + "\",\"msgtype\":\"sticker\",\"sticker\":{}}"))).isEqualTo(40008);
        assertThat(errcode(sb.call("cgi-bin/message/custom/send",
                "{\"touser\":\"" + sb.openid(1) + "\",\"msgtype\":\"image\",\"image\":{\"media_id\":\"missing\"}}")))
                .isEqualTo(40007);
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(1)
                + "\",\"msgtype\":\"news\",\"news\":{\"articles\":[{\"title\":\"t\",\"url\":\"u\"}]}}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(1)
                + "\",\"msgtype\":\"msgmenu\",\"msgmenu\":{\"head_content\":\"满意吗\",\"list\":[{\"id\":\"1\","
                + "\"content\":\"满意\"}],\"tail_content\":\"谢谢\"}}"))).isZero();
        assertThat(errcode(sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(1)
                + "\",\"msgtype\":\"wxcard\",\"wxcard\":{\"card_id\":\"pXch-card\"}}"))).isZero();
        assertThat(sb.control.ledger(APP, sb.openid(1), "custom", 10, 0).getInt("count")).isEqualTo(3);
    }

    @Test
    void theWindowTableIsConfigurablePerAccount() {
        Sandbox s = new Sandbox();
        s.account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + Sandbox.SECRET + "\","
                + "\"limits\":{\"kefu\":{\"message\":{\"count\":20,\"seconds\":172800}}}}").fans(3, null);
        s.control.simulate(APP, Sandbox.json("{\"kind\":\"text\",\"openid\":\"" + s.openid(0) + "\"}"));
        String body = "{\"touser\":\"" + s.openid(0) + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}";
        for (int i = 0; i < 20; i++) {
            assertThat(errcode(s.call("cgi-bin/message/custom/send", body))).isZero();
        }
        assertThat(errcode(s.call("cgi-bin/message/custom/send", body))).isEqualTo(45047);
    }
}

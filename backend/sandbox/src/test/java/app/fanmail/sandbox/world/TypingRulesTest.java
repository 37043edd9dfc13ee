package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** message/custom/typing: 45072 bad command, 45080 no interaction in the last 30 s, 45081 already typing. */
class TypingRulesTest {

    private final Sandbox sb = new Sandbox().serviceAccount().fans(5, null);

    private JsonObject typing(int fan, String command) {
        return sb.call("cgi-bin/message/custom/typing", "{\"touser\":\"" + sb.openid(fan) + "\",\"command\":\"" + command
                + "\"}");
    }

    private JsonObject text(int fan) {
        return sb.call("cgi-bin/message/custom/send", "{\"touser\":\"" + sb.openid(fan)
                + "\",\"msgtype\":\"text\",\"text\":{\"content\":\"您好\"}}");
    }

    @Test
    void typingNeedsARecentInteractionAndIsNotRepeated() {
        sb.control.simulate(APP, Sandbox.json("{\"kind\":\"text\",\"openid\":\"" + sb.openid(1) + "\",\"content\":\"在吗\"}"));
        assertThat(errcode(typing(1, "Typing"))).isZero();
        JsonObject again = typing(1, "Typing");
        assertThat(errcode(again)).isEqualTo(45081);
        // a message to the fan ends the indicator; so does CancelTyping
        assertThat(errcode(text(1))).isZero();
        assertThat(errcode(typing(1, "Typing"))).isZero();
        assertThat(errcode(typing(1, "CancelTyping"))).isZero();
        assertThat(errcode(typing(1, "Typing"))).isZero();
        // the indicator lasts 15 s
        sb.advance(Duration.ofSeconds(16));
        assertThat(errcode(typing(1, "Typing"))).as("16 s after the message: still within 30 s of it").isZero();
        // more than 30 s after the last interaction (the window of 48 h is still open)
        sb.advance(Duration.ofSeconds(31));
        JsonObject stale = typing(1, "Typing");
        assertThat(errcode(stale)).isEqualTo(45080);
        // a customer-service message is an interaction too
        assertThat(errcode(text(1))).isZero();
        assertThat(errcode(typing(1, "Typing"))).isZero();
    }

    @Test
    void aBadCommandIsRefusedFirstAndAClosedWindowStillGives45015() {
        assertThat(errcode(typing(2, "typing"))).isEqualTo(45072);
        assertThat(errcode(typing(2, ""))).isEqualTo(45072);
        assertThat(errcode(typing(2, "Typing"))).isEqualTo(45015);
    }
}

package app.fanmail.wechat.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.json.JsonFactories;
import app.fanmail.wechat.application.TokenEndpoint.Answer;

/** WeChat's token answers in the port's terms: a token with its lifetime, or the errcode it refused with. */
class WeChatTokenEndpointTest {
    @Test
    void aGrantedTokenComesWithItsLifetime() {
        Answer a = WeChatTokenEndpoint.answer(JsonFactories.object().add("access_token", "ACCESS").add("expires_in", 7200).build());
        assertThat(a.granted()).isTrue();
        assertThat(a.token()).isEqualTo("ACCESS");
        assertThat(a.lifetime()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aRefusalKeepsErrcodeAndErrmsg() {
        Answer a = WeChatTokenEndpoint.answer(JsonFactories.object().add("errcode", 40125).add("errmsg", "invalid appsecret").build());
        assertThat(a.granted()).isFalse();
        assertThat(a.errcode()).isEqualTo(40125);
        assertThat(a.errmsg()).isEqualTo("invalid appsecret");
    }

    @Test
    void anAnswerWithoutTokenOrLifetimeIsNoToken() {
        assertThat(WeChatTokenEndpoint.answer(JsonFactories.object().add("errcode", 0).build()).granted()).isFalse();
        assertThat(WeChatTokenEndpoint.answer(JsonFactories.object().add("access_token", "A").build()).granted()).isFalse();
    }
}

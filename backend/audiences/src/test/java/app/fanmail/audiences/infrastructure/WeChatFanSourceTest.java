package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.application.FanSourceException;
import app.fanmail.wechat.api.WeChatException;

class WeChatFanSourceTest {
    @Test
    void transientFailuresAndThrottlingAreRetriedOthersAreNot() {
        FanSourceException busy = WeChatFanSource.translate(new CompletionException(new WeChatException(WeChatException.Kind.TRANSIENT, -1,
                "system error", null)));
        assertThat(busy.code()).isEqualTo("WECHAT_TRANSIENT");
        assertThat(busy.retryable()).isTrue();
        assertThat(busy.getMessage()).contains("-1");
        assertThat(WeChatFanSource.translate(new WeChatException(WeChatException.Kind.THROTTLED, 45011, "minute", null)).retryable()).isTrue();

        FanSourceException quota = WeChatFanSource.translate(new WeChatException(WeChatException.Kind.DAILY_QUOTA, 45009, "daily", null));
        assertThat(quota.code()).isEqualTo("WECHAT_DAILY_QUOTA");
        assertThat(quota.retryable()).isFalse();
        assertThat(WeChatFanSource.translate(new WeChatException(WeChatException.Kind.PERMISSION, 48001, "api unauthorized", null)).retryable())
                .isFalse();
        FanSourceException other = WeChatFanSource.translate(new IllegalStateException("boom"));
        assertThat(other.code()).isEqualTo("WECHAT_ERROR");
        assertThat(other.retryable()).isFalse();
    }
}

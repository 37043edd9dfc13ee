package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;

class WeChatTagGatewayTest {
    @Test
    void failuresAboutOneFanAreSplitRetryableOnesRetriedTheRestFailTheJob() {
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.RECIPIENT_FINAL, 40003, "invalid openid", null))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.RECIPIENT_FINAL, 46004, "invalid user", null))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.LIMIT, 45059, "user tag count reach limit", null))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.TRANSIENT, -1, "system error", null))).isEqualTo(FailureKind.RETRY);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.THROTTLED, 45011, "api minute-quota reach limit", null))).isEqualTo(FailureKind.RETRY);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.OTHER, 45159, "invalid tag id", null))).isEqualTo(FailureKind.JOB);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.PERMISSION, 48001, "api unauthorized", null))).isEqualTo(FailureKind.JOB);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.CREDENTIALS_INVALID, 40125, "invalid appsecret", null))).isEqualTo(FailureKind.JOB);
    }
}

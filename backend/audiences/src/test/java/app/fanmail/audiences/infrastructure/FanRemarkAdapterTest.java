package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.fanmail.wechat.api.WeChatException.Refusal;
import app.fanmail.wechat.api.WeChatLimits;

class FanRemarkAdapterTest {
    @Test
    void weChatsRefusalsBecomeThisModulesCodes() {
        assertThat(FanRemarkAdapter.code(Refusal.REMARK_TOO_LONG)).isEqualTo("REMARK_TOO_LONG");
        assertThat(FanRemarkAdapter.code(Refusal.OPENID_INVALID)).isEqualTo("FAN_NOT_FOUND");
        assertThat(FanRemarkAdapter.code(Refusal.FAN_UNKNOWN)).isEqualTo("FAN_NOT_FOUND");
        assertThat(FanRemarkAdapter.code(Refusal.NOT_FOLLOWER)).as("as before: only 40003 and 46004 meant an unknown fan").isEqualTo("WECHAT_ERROR");
        assertThat(FanRemarkAdapter.code(Refusal.NONE)).isEqualTo("WECHAT_ERROR");
    }

    @Test
    void theLimitIsTheWeChatModules() {
        assertThat(new FanRemarkAdapter().remarkMaxBytes()).isEqualTo(WeChatLimits.REMARK_MAX_BYTES);
    }
}

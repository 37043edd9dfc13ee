package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FanRemarkTest {
    /** WeChat's limit as the wechat module states it today (WeChatLimits.REMARK_MAX_BYTES). */
    private static final int WECHAT = 30;

    @Test
    void thirtyBytesOfUtf8TenChineseCharactersPassElevenDoNot() {
        assertThat(FanRemark.fits("一二三四五六七八九十", WECHAT)).isTrue();
        assertThat(FanRemark.fits("一二三四五六七八九十一", WECHAT)).isFalse();
        assertThat(FanRemark.fits("a".repeat(30), WECHAT)).isTrue();
        assertThat(FanRemark.fits("a".repeat(31), WECHAT)).isFalse();
        assertThat(FanRemark.bytes("ab中")).isEqualTo(5);
    }

    @Test
    void theLimitIsTheOneGiven() {
        assertThat(FanRemark.fits("ab中", 5)).isTrue();
        assertThat(FanRemark.fits("ab中", 4)).isFalse();
    }

    @Test
    void surroundingBlanksDoNotCountAndNullIsEmpty() {
        assertThat(FanRemark.normalize("  vip  ")).isEqualTo("vip");
        assertThat(FanRemark.normalize(null)).isEmpty();
        assertThat(FanRemark.fits("  " + "a".repeat(30) + "  ", WECHAT)).isTrue();
    }
}

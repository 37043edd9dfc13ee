package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FanRemarkTest {
    @Test
    void thirtyBytesOfUtf8TenChineseCharactersPassElevenDoNot() {
        assertThat(FanRemark.fits("一二三四五六七八九十")).isTrue();
        assertThat(FanRemark.fits("一二三四五六七八九十一")).isFalse();
        assertThat(FanRemark.fits("a".repeat(30))).isTrue();
        assertThat(FanRemark.fits("a".repeat(31))).isFalse();
        assertThat(FanRemark.bytes("ab中")).isEqualTo(5);
    }

    @Test
    void surroundingBlanksDoNotCountAndNullIsEmpty() {
        assertThat(FanRemark.normalize("  vip  ")).isEqualTo("vip");
        assertThat(FanRemark.normalize(null)).isEmpty();
        assertThat(FanRemark.fits("  " + "a".repeat(30) + "  ")).isTrue();
    }
}

package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "订单已发货😀|订单已发货",
            "🎉恭喜🎉|恭喜",
            "家庭👨‍👩‍👧套餐|家庭套餐",
            "点赞👍🏽|点赞",
            "中国🇨🇳队|中国队",
            "第1️⃣名|第名",
            "#️⃣话题|话题",
            "爱❤️你|爱你",
            "晴☀️天|晴天",
            "⭐五星|五星",
            "✅完成|完成",
            "⚡闪电|闪电",
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F队|队",
            "©️版权|版权",
            "🧑‍💻开发|开发",
    })
    void removesEmoji(String in, String out) {
        assertThat(Emoji.strip(in)).isEqualTo(out);
        assertThat(Emoji.contains(in)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"★五星好评☆", "✓ 已完成", "❤ 爱心", "© 2026 Fanmail™", "※注意", "→ 下一步", "订单号12345#6*",
            "𠀀𠀁 扩展汉字", "¥99.00元", "1+1=2", "", "Ⅻ ① ㊀"})
    void keepsText(String text) {
        assertThat(Emoji.strip(text)).isEqualTo(text);
        assertThat(Emoji.contains(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullStaysNull() {
        assertThat(Emoji.strip(null)).isNull();
        assertThat(Emoji.contains(null)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void strayVariationSelectorIsRemovedButZeroWidthJoinerBetweenLettersStays() {
        assertThat(Emoji.strip("a\uFE0Fb")).isEqualTo("ab");
        assertThat(Emoji.strip("a\u200Db")).isEqualTo("a\u200Db");
    }
}

package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TemplatePreviewTest {
    private static final TemplateContent CLASSIC = TemplateContent.parse("""
            {{first.DATA}}
            商品名称：{{keyword1.DATA}}
            购买时间：{{keyword2.DATA}}
            {{remark.DATA}}""");

    private static final TemplateContent CATEGORY = TemplateContent.parse("""
            商品：{{thing1.DATA}}
            金额：{{amount2.DATA}}""");

    @Test
    void showsVisibleFieldsInOrderWithoutFirstAndRemark() {
        TemplatePreview p = TemplatePreview.render(CLASSIC,
                Map.of("keyword1", "iPhone 15", "keyword2", "2026-01-31 23:30"), "购买成功通知");
        assertThat(p.title()).isEqualTo("购买成功通知");
        assertThat(p.lines()).extracting(PreviewLine::key, PreviewLine::label, PreviewLine::value, PreviewLine::truncated)
                .containsExactly(
                        tuple("keyword1", "商品名称", "iPhone 15", false),
                        tuple("keyword2", "购买时间", "2026-01-31 23:30", false));
        assertThat(p.texts()).containsExactly("商品名称：iPhone 15", "购买时间：2026-01-31 23:30");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.hasWarnings()).isFalse();
    }

    @Test
    void legacyFieldsGivenAreHiddenWithAWarning() {
        TemplatePreview p = TemplatePreview.render(CLASSIC,
                Map.of("first", "您好，您的订单已支付", "keyword1", "A", "keyword2", "B", "remark", "感谢惠顾"), "t");
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("keyword1", "keyword2");
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.LEGACY_FIELD_HIDDEN, "first"),
                tuple(PreviewWarningCode.LEGACY_FIELD_HIDDEN, "remark"));
    }

    @Test
    void missingOrBlankLegacyFieldsAreNotWarnedAbout() {
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("first", "  ", "keyword1", "A", "keyword2", "B"), "t");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void cutsAt20CodePointsAndCountsCjkAndSupplementaryCharactersAsOne() {
        String twenty = "一二三四五六七八九十一二三四五六七八九十";
        String ext = "𠀀".repeat(21); // supplementary-plane CJK: 2 UTF-16 units each, 1 character
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", twenty, "amount2", ext), "t");
        assertThat(p.lines().get(0).value()).isEqualTo(twenty);
        assertThat(p.lines().get(0).truncated()).isFalse();
        assertThat(p.lines().get(1).value()).isEqualTo("𠀀".repeat(20));
        assertThat(p.lines().get(1).truncated()).isTrue();
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(PreviewWarningCode.VALUE_TRUNCATED);
            assertThat(w.field()).isEqualTo("amount2");
            assertThat(w.originalLength()).isEqualTo(21);
            assertThat(w.shownLength()).isEqualTo(20);
            assertThat(w.message()).contains("21").contains("20");
        });
    }

    @Test
    void twentyOneAsciiCharactersAreCut() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "abcdefghijklmnopqrstu", "amount2", "1"), "t");
        assertThat(p.lines().get(0).value()).isEqualTo("abcdefghijklmnopqrst");
        assertThat(p.warningsFor("thing1")).extracting(PreviewWarning::code, PreviewWarning::originalLength)
                .containsExactly(tuple(PreviewWarningCode.VALUE_TRUNCATED, 21));
        assertThat(p.warningsFor("amount2")).isEmpty();
    }

    @Test
    void emojiAreRemovedFirstAndDoNotCount() {
        // 20 characters plus two emoji: nothing is cut once the emoji are gone
        String value = "🎉" + "一二三四五六七八九十一二三四五六七八九十" + "👍🏽";
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", value, "amount2", "9.9元"), "t");
        assertThat(p.lines().get(0).value()).isEqualTo("一二三四五六七八九十一二三四五六七八九十");
        assertThat(p.lines().get(0).truncated()).isFalse();
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(PreviewWarningCode.EMOJI_REMOVED);
            assertThat(w.field()).isEqualTo("thing1");
            assertThat(w.originalLength()).isEqualTo(23);
            assertThat(w.shownLength()).isEqualTo(20);
        });
    }

    @Test
    void emojiRemovalAndTruncationBothWarn() {
        String value = "😀" + "x".repeat(25);
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", value, "amount2", "1"), "t");
        assertThat(p.warningsFor("thing1")).extracting(PreviewWarning::code, PreviewWarning::originalLength, PreviewWarning::shownLength)
                .containsExactly(
                        tuple(PreviewWarningCode.EMOJI_REMOVED, 26, 25),
                        tuple(PreviewWarningCode.VALUE_TRUNCATED, 25, 20));
        assertThat(p.lines().get(0).value()).isEqualTo("x".repeat(20));
    }

    @Test
    void anEmojiOnlyValueBecomesEmpty() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "🎉🎉", "amount2", "1"), "t");
        assertThat(p.warningsFor("thing1")).extracting(PreviewWarning::code)
                .containsExactly(PreviewWarningCode.EMOJI_REMOVED, PreviewWarningCode.VALUE_EMPTY);
        assertThat(p.lines().get(0).value()).isEmpty();
    }

    @Test
    void missingAndEmptyValuesStillShowTheirLine() {
        Map<String, String> values = new HashMap<>();
        values.put("thing1", null);
        values.put("amount2", "   ");
        TemplatePreview p = TemplatePreview.render(CATEGORY, values, "t");
        assertThat(p.lines()).extracting(PreviewLine::key, PreviewLine::value)
                .containsExactly(tuple("thing1", ""), tuple("amount2", "   "));
        assertThat(p.texts()).containsExactly("商品：", "金额：   ");
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.VALUE_MISSING, "thing1"),
                tuple(PreviewWarningCode.VALUE_EMPTY, "amount2"));
        assertThat(p.warnings()).allSatisfy(w -> {
            assertThat(w.originalLength()).isNull();
            assertThat(w.shownLength()).isNull();
        });
    }

    @Test
    void nullValuesMapMeansEverythingIsMissing() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, null, null);
        assertThat(p.title()).isEmpty();
        assertThat(p.warnings()).extracting(PreviewWarning::code)
                .containsExactly(PreviewWarningCode.VALUE_MISSING, PreviewWarningCode.VALUE_MISSING);
    }

    @Test
    void unknownKeysAreWarnedAboutInAlphabeticalOrderAfterTheFields() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("zeta", "1");
        values.put("thing1", "A");
        values.put("keyword1", "2");
        values.put("amount2", "3");
        values.put("Thing1", "case matters");
        TemplatePreview p = TemplatePreview.render(CATEGORY, values, "t");
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.UNKNOWN_KEY, "Thing1"),
                tuple(PreviewWarningCode.UNKNOWN_KEY, "keyword1"),
                tuple(PreviewWarningCode.UNKNOWN_KEY, "zeta"));
        assertThat(p.lines()).hasSize(2);
    }

    @Test
    void legacyKeysTheTemplateLacksAreUnknown() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "A", "amount2", "1", "first", "你好"), "t");
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field)
                .containsExactly(tuple(PreviewWarningCode.UNKNOWN_KEY, "first"));
    }

    @Test
    void aMalformedPlaceholderIsNotAField() {
        TemplateContent t = TemplateContent.parse("商品：{{thing1.data}}\n金额：{{amount2.DATA}}");
        TemplatePreview p = TemplatePreview.render(t, Map.of("thing1", "A", "amount2", "1"), "t");
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("amount2");
        assertThat(p.warnings()).extracting(PreviewWarning::code).containsExactly(PreviewWarningCode.UNKNOWN_KEY);
    }

    @Test
    void aRepeatedFieldIsOneLine() {
        TemplateContent t = TemplateContent.parse("{{name1.DATA}}你好\n再见{{name1.DATA}}");
        TemplatePreview p = TemplatePreview.render(t, Map.of("name1", "小明"), "t");
        assertThat(p.lines()).singleElement().satisfies(l -> assertThat(l.text()).isEqualTo("小明"));
    }

    @Test
    void lineWithoutLabelShowsOnlyTheValue() {
        assertThat(new PreviewLine("k", null, "v", false).text()).isEqualTo("v");
        assertThat(new PreviewLine("k", "标签", "v", false).text()).isEqualTo("标签：v");
    }

    @Test
    void otherDisplayRulesShowLegacyFieldsAndKeepEmoji() {
        DisplayRules before2023 = new DisplayRules(200, false, false);
        TemplatePreview p = TemplatePreview.render(CLASSIC,
                Map.of("first", "您好🎉", "keyword1", "A", "keyword2", "B", "remark", "谢谢"), "t", before2023);
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("first", "keyword1", "keyword2", "remark");
        assertThat(p.lines().get(0).value()).isEqualTo("您好🎉");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aSmallerLimitCuts() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "一二三四", "amount2", "1"), "t",
                new DisplayRules(3, true, true));
        assertThat(p.lines().get(0).value()).isEqualTo("一二三");
        assertThat(p.warnings()).extracting(PreviewWarning::shownLength).containsExactly(3);
    }

    @Test
    void displayRulesNeedAPositiveLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DisplayRules(0, true, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DisplayRules.CURRENT).isEqualTo(new DisplayRules(20, true, true));
    }

    @Test
    void resultIsImmutable() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of(), "t");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.warnings().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.lines().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

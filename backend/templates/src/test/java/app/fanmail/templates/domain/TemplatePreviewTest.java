package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.api.ValueRefusalReason;
import app.fanmail.templates.infrastructure.WeChatValueRules;
import app.fanmail.wechat.domain.TemplateValueTable;

class TemplatePreviewTest {
    private static final ValueRules RULES = new WeChatValueRules(new TemplateValueTable());
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
                Map.of("keyword1", "iPhone 15", "keyword2", "2026-01-31 23:30"), "购买成功通知", RULES);
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
                Map.of("first", "您好，您的订单已支付", "keyword1", "A", "keyword2", "B", "remark", "感谢惠顾"), "t", RULES);
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("keyword1", "keyword2");
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.LEGACY_FIELD_HIDDEN, "first"),
                tuple(PreviewWarningCode.LEGACY_FIELD_HIDDEN, "remark"));
    }

    @Test
    void missingOrBlankLegacyFieldsAreNotWarnedAbout() {
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("first", "  ", "keyword1", "A", "keyword2", "B"), "t", RULES);
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void cutsAt20CodePointsAndCountsCjkAndSupplementaryCharactersAsOne() {
        String twenty = "一二三四五六七八九十一二三四五六七八九十";
        String ext = "𠀀".repeat(21); // supplementary-plane CJK: 2 UTF-16 units each, 1 character
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("keyword1", twenty, "keyword2", ext), "t", RULES);
        assertThat(p.lines().get(0).value()).isEqualTo(twenty);
        assertThat(p.lines().get(0).truncated()).isFalse();
        assertThat(p.lines().get(1).value()).isEqualTo("𠀀".repeat(20));
        assertThat(p.lines().get(1).truncated()).isTrue();
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(PreviewWarningCode.VALUE_TRUNCATED);
            assertThat(w.field()).isEqualTo("keyword2");
            assertThat(w.originalLength()).isEqualTo(21);
            assertThat(w.shownLength()).isEqualTo(20);
            assertThat(w.message()).contains("21").contains("20");
        });
    }

    @Test
    void twentyOneAsciiCharactersAreCut() {
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("keyword1", "abcdefghijklmnopqrstu", "keyword2", "1"), "t", RULES);
        assertThat(p.lines().get(0).value()).isEqualTo("abcdefghijklmnopqrst");
        assertThat(p.warningsFor("keyword1")).extracting(PreviewWarning::code, PreviewWarning::originalLength)
                .containsExactly(tuple(PreviewWarningCode.VALUE_TRUNCATED, 21));
        assertThat(p.warningsFor("keyword2")).isEmpty();
        assertThat(p.refusals()).isEmpty();
    }

    @Test
    void emojiAreRemovedFirstAndDoNotCount() {
        // 20 characters plus two emoji: nothing is cut once the emoji are gone
        String value = "🎉" + "一二三四五六七八九十一二三四五六七八九十" + "👍🏽";
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("keyword1", value, "keyword2", "9.9元"), "t", RULES);
        assertThat(p.lines().get(0).value()).isEqualTo("一二三四五六七八九十一二三四五六七八九十");
        assertThat(p.lines().get(0).truncated()).isFalse();
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(PreviewWarningCode.EMOJI_REMOVED);
            assertThat(w.field()).isEqualTo("keyword1");
            assertThat(w.originalLength()).isEqualTo(23);
            assertThat(w.shownLength()).isEqualTo(20);
        });
    }

    @Test
    void emojiRemovalAndTruncationBothWarn() {
        String value = "😀" + "x".repeat(25);
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("keyword1", value, "keyword2", "1"), "t", RULES);
        assertThat(p.warningsFor("keyword1")).extracting(PreviewWarning::code, PreviewWarning::originalLength, PreviewWarning::shownLength)
                .containsExactly(
                        tuple(PreviewWarningCode.EMOJI_REMOVED, 26, 25),
                        tuple(PreviewWarningCode.VALUE_TRUNCATED, 25, 20));
        assertThat(p.lines().get(0).value()).isEqualTo("x".repeat(20));
    }

    @Test
    void anEmojiOnlyValueBecomesEmpty() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "🎉🎉", "amount2", "1"), "t", RULES);
        assertThat(p.warningsFor("thing1")).extracting(PreviewWarning::code)
                .containsExactly(PreviewWarningCode.EMOJI_REMOVED, PreviewWarningCode.VALUE_EMPTY);
        assertThat(p.lines().get(0).value()).isEmpty();
    }

    @Test
    void missingAndEmptyValuesStillShowTheirLine() {
        Map<String, String> values = new HashMap<>();
        values.put("thing1", null);
        values.put("amount2", "   ");
        TemplatePreview p = TemplatePreview.render(CATEGORY, values, "t", RULES);
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
        TemplatePreview p = TemplatePreview.render(CATEGORY, null, null, RULES);
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
        TemplatePreview p = TemplatePreview.render(CATEGORY, values, "t", RULES);
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field).containsExactly(
                tuple(PreviewWarningCode.UNKNOWN_KEY, "Thing1"),
                tuple(PreviewWarningCode.UNKNOWN_KEY, "keyword1"),
                tuple(PreviewWarningCode.UNKNOWN_KEY, "zeta"));
        assertThat(p.lines()).hasSize(2);
    }

    @Test
    void legacyKeysTheTemplateLacksAreUnknown() {
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", "A", "amount2", "1", "first", "你好"), "t", RULES);
        assertThat(p.warnings()).extracting(PreviewWarning::code, PreviewWarning::field)
                .containsExactly(tuple(PreviewWarningCode.UNKNOWN_KEY, "first"));
    }

    @Test
    void aMalformedPlaceholderIsNotAField() {
        TemplateContent t = TemplateContent.parse("商品：{{thing1.data}}\n金额：{{amount2.DATA}}");
        TemplatePreview p = TemplatePreview.render(t, Map.of("thing1", "A", "amount2", "1"), "t", RULES);
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("amount2");
        assertThat(p.warnings()).extracting(PreviewWarning::code).containsExactly(PreviewWarningCode.UNKNOWN_KEY);
    }

    @Test
    void aRepeatedFieldIsOneLine() {
        TemplateContent t = TemplateContent.parse("{{name1.DATA}}你好\n再见{{name1.DATA}}");
        TemplatePreview p = TemplatePreview.render(t, Map.of("name1", "小明"), "t", RULES);
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
                Map.of("first", "您好🎉", "keyword1", "A", "keyword2", "B", "remark", "谢谢"), "t", before2023, RULES);
        assertThat(p.lines()).extracting(PreviewLine::key).containsExactly("first", "keyword1", "keyword2", "remark");
        assertThat(p.lines().get(0).value()).isEqualTo("您好🎉");
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void aSmallerLimitCuts() {
        TemplatePreview p = TemplatePreview.render(CLASSIC, Map.of("keyword1", "一二三四", "keyword2", "1"), "t",
                new DisplayRules(3, true, true), RULES);
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
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of(), "t", RULES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.warnings().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.lines().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void typedValuesThatBreakTheirTypeAreRefusedNotCut() {
        String twentyOne = "一二三四五六七八九十一二三四五六七八九十一";
        TemplatePreview p = TemplatePreview.render(CATEGORY, Map.of("thing1", twentyOne, "amount2", "五元"), "t", RULES);
        assertThat(p.sendable()).isFalse();
        assertThat(p.refusals()).extracting(PreviewRefusal::field, PreviewRefusal::type, PreviewRefusal::reason, PreviewRefusal::limit)
                .containsExactly(tuple("thing1", FieldType.THING, ValueRefusalReason.TOO_LONG, 20), tuple("amount2", FieldType.AMOUNT, ValueRefusalReason.AMOUNT_FORMAT, null));
        assertThat(p.refusals().get(0).message()).contains("thing1");
        assertThat(p.lines()).extracting(PreviewLine::key, PreviewLine::value, PreviewLine::truncated, PreviewLine::refused)
                .containsExactly(tuple("thing1", twentyOne, false, true), tuple("amount2", "五元", false, true));
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void validTypedValuesAreShownWholeEvenBeyondTwentyCharacters() {
        TemplateContent order = TemplateContent.parse("单号：{{character_string1.DATA}}\n时间：{{time2.DATA}}");
        String number = "SF" + "1".repeat(30);
        TemplatePreview p = TemplatePreview.render(order, Map.of("character_string1", number, "time2", "2026年1月31日 23:30"), "t", RULES);
        assertThat(p.sendable()).isTrue();
        assertThat(p.lines()).extracting(PreviewLine::value, PreviewLine::truncated, PreviewLine::refused)
                .containsExactly(tuple(number, false, false), tuple("2026年1月31日 23:30", false, false));
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void oneCharacterBeyondTheTypeIsRefused() {
        TemplateContent order = TemplateContent.parse("单号：{{character_string1.DATA}}\n状态：{{phrase2.DATA}}");
        TemplatePreview p = TemplatePreview.render(order, Map.of("character_string1", "x".repeat(33), "phrase2", "已签收"), "t", RULES);
        assertThat(p.refusals()).extracting(PreviewRefusal::field, PreviewRefusal::limit).containsExactly(tuple("character_string1", 32));
        TemplatePreview chinese = TemplatePreview.render(order, Map.of("character_string1", "x".repeat(32), "phrase2", "已经签收了"), "t", RULES);
        assertThat(chinese.sendable()).isTrue();
        TemplatePreview six = TemplatePreview.render(order, Map.of("character_string1", "x", "phrase2", "已经签收了啊"), "t", RULES);
        assertThat(six.refusals()).extracting(PreviewRefusal::field, PreviewRefusal::reason).containsExactly(tuple("phrase2", ValueRefusalReason.TOO_LONG));
    }
}

package app.fanmail.templates.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import app.fanmail.kernel.graphql.UserError;

class TemplateContentTest {
    private static final String CLASSIC = """
            {{first.DATA}}
            商品名称：{{keyword1.DATA}}
            购买时间：{{keyword2.DATA}}
            {{remark.DATA}}""";

    private static List<PlaceholderProblemCode> codes(TemplateContent t) {
        return t.problems().stream().map(PlaceholderProblem::code).toList();
    }

    @Test
    void parsesTheClassicIndustryTemplate() {
        TemplateContent t = TemplateContent.parse(CLASSIC);
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::label, TemplateField::type, TemplateField::line)
                .containsExactly(
                        tuple("first", null, FieldType.LEGACY, 1),
                        tuple("keyword1", "商品名称", FieldType.KEYWORD, 2),
                        tuple("keyword2", "购买时间", FieldType.KEYWORD, 3),
                        tuple("remark", null, FieldType.LEGACY, 4));
        assertThat(t.problems()).isEmpty();
        assertThat(t.hasProblems()).isFalse();
        assertThat(t.usesLegacyFields()).isTrue();
        assertThat(t.visibleFields()).extracting(TemplateField::key).containsExactly("keyword1", "keyword2");
        assertThat(t.keys()).containsExactly("first", "keyword1", "keyword2", "remark");
        assertThat(t.field("first")).get().satisfies(f -> assertThat(f.legacy()).isTrue());
        assertThat(t.content()).isEqualTo(CLASSIC);
    }

    @Test
    void parsesNewStyleCategoryKeys() {
        TemplateContent t = TemplateContent.parse("""
                商品：{{thing1.DATA}}
                金额：{{amount2.DATA}}
                时间：{{time3.DATA}}
                订单号：{{character_string4.DATA}}
                状态：{{phrase5.DATA}}""");
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::type).containsExactly(
                tuple("thing1", FieldType.THING), tuple("amount2", FieldType.AMOUNT), tuple("time3", FieldType.TIME),
                tuple("character_string4", FieldType.CHARACTER_STRING), tuple("phrase5", FieldType.PHRASE));
        assertThat(t.usesLegacyFields()).isFalse();
        assertThat(t.visibleFields()).hasSize(5);
    }

    @Test
    void labelIsTrimmedOfHalfAndFullWidthColonsAndSpaces() {
        TemplateContent t = TemplateContent.parse("""
                  订单号:  {{a.DATA}}
                \u3000金额 ： {{b.DATA}}
                时间{{c.DATA}}
                ：{{d.DATA}}""");
        assertThat(t.fields()).extracting(TemplateField::label).containsExactly("订单号", "金额", "时间", null);
    }

    @Test
    void colonsInsideTheLabelStay() {
        assertThat(TemplateContent.parse("时间:日期：{{a.DATA}}").fields())
                .extracting(TemplateField::label).containsExactly("时间:日期");
    }

    @Test
    void severalPlaceholdersOnOneLineEachTakeTheTextSinceThePreviousOne() {
        TemplateContent t = TemplateContent.parse("商品：{{a.DATA}} 数量：{{b.DATA}}{{c.DATA}}");
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::label)
                .containsExactly(tuple("a", "商品"), tuple("b", "数量"), tuple("c", null));
    }

    @Test
    void textAfterTheLastPlaceholderIsNotALabel() {
        TemplateContent t = TemplateContent.parse("金额{{a.DATA}}元\n{{b.DATA}}");
        assertThat(t.fields()).extracting(TemplateField::label).containsExactly("金额", null);
    }

    @Test
    void repeatedKeysAreOneFieldFlaggedAsRepeated() {
        TemplateContent t = TemplateContent.parse("你好{{name1.DATA}}\n订单：{{thing2.DATA}}\n再见 {{name1.DATA}}，{{name1.DATA}}");
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::occurrences, TemplateField::repeated,
                TemplateField::label, TemplateField::line).containsExactly(
                tuple("name1", 3, true, "你好", 1),
                tuple("thing2", 1, false, "订单", 2));
        assertThat(t.problems()).isEmpty();
    }

    @Test
    void keysAreCaseSensitive() {
        TemplateContent t = TemplateContent.parse("{{keyword1.DATA}}{{Keyword1.DATA}}{{First.DATA}}");
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::type).containsExactly(
                tuple("keyword1", FieldType.KEYWORD), tuple("Keyword1", FieldType.OTHER), tuple("First", FieldType.OTHER));
        assertThat(t.fields()).noneMatch(TemplateField::repeated);
        assertThat(t.usesLegacyFields()).isFalse();
    }

    @Test
    void positionsAreOffsetLineAndCodePointColumn() {
        // "😀" is two UTF-16 units but one column
        String content = "标题\r\n😀金额：{{amount1.DATA}}\r商品{{thing2.DATA}}";
        TemplateContent t = TemplateContent.parse(content);
        TemplateField amount = t.field("amount1").orElseThrow();
        assertThat(amount.offset()).isEqualTo(content.indexOf("{{amount1"));
        assertThat(amount.line()).isEqualTo(2);
        assertThat(amount.column()).isEqualTo(5);
        assertThat(amount.label()).isEqualTo("😀金额");
        TemplateField thing = t.field("thing2").orElseThrow();
        assertThat(thing.line()).isEqualTo(3);
        assertThat(thing.column()).isEqualTo(3);
        assertThat(thing.offset()).isEqualTo(content.indexOf("{{thing2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{{keyword1}}|MISSING_DATA_SUFFIX",
            "{{keyword1.VALUE}}|MISSING_DATA_SUFFIX",
            "{{keyword1.}}|MISSING_DATA_SUFFIX",
            "{{keyword1.data}}|DATA_SUFFIX_CASE",
            "{{keyword1.Data}}|DATA_SUFFIX_CASE",
            "{{.DATA}}|EMPTY_KEY",
            "{{}}|EMPTY_KEY",
            "{{.data}}|DATA_SUFFIX_CASE",
            "{{商品.DATA}}|ILLEGAL_KEY",
            "{{1st.DATA}}|ILLEGAL_KEY",
            "{{_key.DATA}}|ILLEGAL_KEY",
            "{{key-1.DATA}}|ILLEGAL_KEY",
            "{{a.b.DATA}}|ILLEGAL_KEY",
            "{{key.DATA.DATA}}|ILLEGAL_KEY",
            "{{ key.DATA }}|ILLEGAL_KEY",
            "{{key .DATA}}|ILLEGAL_KEY",
            "{{kéy.DATA}}|ILLEGAL_KEY",
            "{{{key.DATA}}}|NESTED_BRACES",
            "{{{key.DATA}}|NESTED_BRACES",
            "{{key.DATA}}}|NESTED_BRACES",
            "{{a{{b.DATA}}}}|NESTED_BRACES",
            "{{key}.DATA}}|NESTED_BRACES",
            "{{key.DATA|UNCLOSED_PLACEHOLDER",
            "{{key.DATA}|UNCLOSED_PLACEHOLDER",
            "{key.DATA}}|STRAY_CLOSING_BRACES",
    })
    void malformedPlaceholdersAreReportedNotDropped(String placeholder, PlaceholderProblemCode code) {
        String content = "第一行\n名称：" + placeholder + "\n数量：{{keyword9.DATA}}";
        TemplateContent t = TemplateContent.parse(content);
        assertThat(t.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo(code.message());
        });
        assertThat(t.keys()).as("the valid field on the next line is still found").containsExactly("keyword9");
        assertThat(t.field("keyword9").orElseThrow().label()).isEqualTo("数量");
    }

    @Test
    void problemCarriesTextOffsetAndColumn() {
        String content = "{{first.DATA}}\n商品名称：{{keyword1.data}}";
        PlaceholderProblem p = TemplateContent.parse(content).problems().get(0);
        assertThat(p.text()).isEqualTo("{{keyword1.data}}");
        assertThat(p.offset()).isEqualTo(content.indexOf("{{keyword1"));
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(6);
    }

    @Test
    void unclosedPlaceholderFollowedByAValidOneOnTheSameLine() {
        TemplateContent t = TemplateContent.parse("商品：{{keyword1.DATA 数量：{{keyword2.DATA}}");
        assertThat(t.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER);
            assertThat(p.text()).isEqualTo("{{keyword1.DATA 数量：");
            assertThat(p.column()).isEqualTo(4);
        });
        assertThat(t.keys()).containsExactly("keyword2");
    }

    @Test
    void placeholdersDoNotSpanLines() {
        TemplateContent t = TemplateContent.parse("商品：{{keyword1.\nDATA}}");
        assertThat(codes(t)).containsExactly(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER, PlaceholderProblemCode.STRAY_CLOSING_BRACES);
        assertThat(t.fields()).isEmpty();
        assertThat(t.problems()).extracting(PlaceholderProblem::line).containsExactly(1, 2);
    }

    @Test
    void twoUnclosedPlaceholdersAreTwoProblems() {
        TemplateContent t = TemplateContent.parse("a{{x.DATA b{{y.DATA");
        assertThat(t.problems()).extracting(PlaceholderProblem::code, PlaceholderProblem::text, PlaceholderProblem::column)
                .containsExactly(
                        tuple(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER, "{{x.DATA b", 2),
                        tuple(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER, "{{y.DATA", 12));
    }

    @Test
    void nestedBracesWithTextBetweenAreOneProblemAndNoField() {
        TemplateContent t = TemplateContent.parse("x{{a {{b.DATA}} c}}y {{d.DATA}}");
        assertThat(t.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(PlaceholderProblemCode.NESTED_BRACES);
            assertThat(p.text()).isEqualTo("{{a {{b.DATA}} c}}");
        });
        assertThat(t.fields()).extracting(TemplateField::key, TemplateField::label).containsExactly(tuple("d", "y"));
    }

    @Test
    void problemsAndFieldsMixInOrder() {
        TemplateContent t = TemplateContent.parse("{{a.DATA}} }} {{b}} {{c.DATA}} {{.DATA}}");
        assertThat(t.keys()).containsExactly("a", "c");
        assertThat(codes(t)).containsExactly(PlaceholderProblemCode.STRAY_CLOSING_BRACES,
                PlaceholderProblemCode.MISSING_DATA_SUFFIX, PlaceholderProblemCode.EMPTY_KEY);
        assertThat(t.problems()).extracting(PlaceholderProblem::offset).isSorted();
    }

    @Test
    void aMalformedPlaceholderEndsTheNextLabel() {
        TemplateContent t = TemplateContent.parse("名称{{x}}金额：{{amount1.DATA}}");
        assertThat(t.field("amount1").orElseThrow().label()).isEqualTo("金额");
    }

    @Test
    void singleBracesAreText() {
        TemplateContent t = TemplateContent.parse("集合{a}：{{a.DATA}} {b}");
        assertThat(t.problems()).isEmpty();
        assertThat(t.fields()).extracting(TemplateField::label).containsExactly("集合{a}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "没有占位符的模板", "\n\n"})
    void contentWithoutPlaceholdersHasNoFields(String content) {
        TemplateContent t = TemplateContent.parse(content);
        assertThat(t.fields()).isEmpty();
        assertThat(t.problems()).isEmpty();
    }

    @Test
    void nullContentIsEmpty() {
        TemplateContent t = TemplateContent.parse(null);
        assertThat(t.content()).isEmpty();
        assertThat(t.fields()).isEmpty();
    }

    @Test
    void longProblemTextIsShortened() {
        String content = "{{" + "x".repeat(100);
        PlaceholderProblem p = TemplateContent.parse(content).problems().get(0);
        assertThat(p.text()).hasSize(61).endsWith("…").startsWith("{{xxx");
    }

    @Test
    void problemsBecomeUserErrorsWithPosition() {
        TemplateContent t = TemplateContent.parse("\n  {{keyword1}}");
        assertThat(t.problemsAsUserErrors("content")).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("MISSING_DATA_SUFFIX");
            assertThat(e.field()).isEqualTo("content");
            assertThat(e.message()).startsWith("Line 2, column 3, '{{keyword1}}': ").contains("reserved word");
        });
        assertThat(TemplateContent.parse(CLASSIC).problemsAsUserErrors("content")).isEmpty();
    }

    @Test
    void fieldsAndProblemsAreImmutable() {
        TemplateContent t = TemplateContent.parse(CLASSIC);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.fields().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.problems().add(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void placeholderTextOfAField() {
        assertThat(TemplateContent.parse("{{thing1.DATA}}").fields().get(0).placeholder()).isEqualTo("{{thing1.DATA}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "keyword1", "character_string4", "A_b_9", "x_"})
    void validKeys(String key) {
        assertThat(TemplateContent.isValidKey(key)).isTrue();
        assertThat(TemplateContent.parse("{{" + key + ".DATA}}").keys()).containsExactly(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "_a", "a-b", "a.b", "商品", "a b"})
    void invalidKeys(String key) {
        assertThat(TemplateContent.isValidKey(key)).isFalse();
    }

    @Test
    void userErrorTypeIsTheKernels() {
        UserError e = TemplateContent.parse("{{x}}").problems().get(0).toUserError(null);
        assertThat(e.field()).isNull();
        assertThat(e.code()).isEqualTo("MISSING_DATA_SUFFIX");
    }
}

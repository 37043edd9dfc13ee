package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import app.fanmail.wechat.api.TemplateValueRules.Outcome;
import app.fanmail.wechat.api.TemplateValueRules.Reason;
import app.fanmail.wechat.api.TemplateValueRules.ValueType;
import app.fanmail.wechat.api.TemplateValueRules.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateValueTableTest {
    private final TemplateValueTable table = new TemplateValueTable();

    private Verdict check(String key, String value) {
        return table.check(key, value);
    }

    private void ok(String key, String value) {
        assertThat(check(key, value).outcome()).as(key + "=" + value).isEqualTo(Outcome.OK);
    }

    private void refused(String key, String value, Reason reason) {
        Verdict v = check(key, value);
        assertThat(v.outcome()).as(key + "=" + value).isEqualTo(Outcome.REFUSED);
        assertThat(v.reason()).as(key + "=" + value).isEqualTo(reason);
        assertThat(v.message()).contains("'" + key + "'");
    }

    @Test
    void typesComeFromTheKeyPrefix() {
        assertThat(table.typeOf("thing1")).isEqualTo(ValueType.THING);
        assertThat(table.typeOf("character_string12")).isEqualTo(ValueType.CHARACTER_STRING);
        assertThat(table.typeOf("phone_number3")).isEqualTo(ValueType.PHONE_NUMBER);
        assertThat(table.typeOf("car_number01")).isEqualTo(ValueType.CAR_NUMBER);
        assertThat(table.typeOf("keyword2")).isEqualTo(ValueType.KEYWORD);
        assertThat(table.typeOf("first")).isEqualTo(ValueType.LEGACY);
        assertThat(table.typeOf("short_thing1")).isEqualTo(ValueType.UNTYPED);
        assertThat(table.typeOf("Thing1")).isEqualTo(ValueType.UNTYPED);
        assertThat(table.typeOf("thing")).isEqualTo(ValueType.UNTYPED);
        assertThat(table.typeOf(null)).isEqualTo(ValueType.UNTYPED);
    }

    @Test
    void thingTakesTwentyCharactersOfAnyKind() {
        ok("thing1", "无线蓝牙耳机 Pro-2 (白)");
        ok("thing1", "一二三四五六七八九十一二三四五六七八九十");
        ok("thing1", "𠀀".repeat(20));
        refused("thing1", "一二三四五六七八九十一二三四五六七八九十一", Reason.TOO_LONG);
        assertThat(check("thing1", "a".repeat(21)).limit()).isEqualTo(20);
    }

    @Test
    void typedValuesAreNeverEmptyNorCarryControlCharacters() {
        refused("thing1", "", Reason.EMPTY);
        refused("thing1", "  ", Reason.EMPTY);
        refused("amount2", null, Reason.EMPTY);
        refused("thing1", "第一行\n第二行", Reason.CONTROL_CHARACTER);
        refused("character_string1", "A\tB", Reason.CONTROL_CHARACTER);
        refused("thing1", "a\u2028b", Reason.CONTROL_CHARACTER);
    }

    @Test
    void numberIsDigitsWithAnOptionalDecimalPart() {
        ok("number1", "2360");
        ok("number1", "12.5");
        ok("number1", "1".repeat(32));
        refused("number1", "1".repeat(33), Reason.TOO_LONG);
        refused("number1", "-3", Reason.CHARACTER_NOT_ALLOWED);
        refused("number1", "1,024", Reason.CHARACTER_NOT_ALLOWED);
        refused("number1", "12.", Reason.CHARACTER_NOT_ALLOWED);
        refused("number1", "1.2.3", Reason.CHARACTER_NOT_ALLOWED);
        refused("number1", "１２", Reason.CHARACTER_NOT_ALLOWED);
    }

    @Test
    void letterIsLatinLettersOnly() {
        ok("letter1", "ABCxyz");
        ok("letter1", "a".repeat(32));
        refused("letter1", "a".repeat(33), Reason.TOO_LONG);
        refused("letter1", "AB1", Reason.CHARACTER_NOT_ALLOWED);
        refused("letter1", "中", Reason.CHARACTER_NOT_ALLOWED);
        refused("letter1", "A B", Reason.CHARACTER_NOT_ALLOWED);
    }

    @Test
    void symbolIsFiveSymbols() {
        ok("symbol1", "#*");
        ok("symbol1", "#*-+¥");
        refused("symbol1", "######", Reason.TOO_LONG);
        refused("symbol1", "a#", Reason.CHARACTER_NOT_ALLOWED);
        refused("symbol1", "1#", Reason.CHARACTER_NOT_ALLOWED);
        refused("symbol1", "号", Reason.CHARACTER_NOT_ALLOWED);
    }

    @Test
    void characterStringTakesNoChinese() {
        ok("character_string1", "SF1234567890123");
        ok("character_string1", "WO-2024/06 #7");
        ok("character_string1", "x".repeat(32));
        refused("character_string1", "x".repeat(33), Reason.TOO_LONG);
        refused("character_string21", "测试单号", Reason.CHARACTER_NOT_ALLOWED);
        refused("character_string1", "订单123", Reason.CHARACTER_NOT_ALLOWED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "15:01", "9:05", "23:59:59", "00:00", "2019年10月1日 15:01", "2019年10月1日15:01", "2024-06-18 14:32:05",
            "2024/06/18 08:00", "09:00~18:00", "09:00 ~ 18:00", "2019年10月1日 15:01~2019年10月2日 15:01", "10月1日 8:30", "09:00～18:00"})
    void validTimes(String value) {
        ok("time4", value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"25:00", "12:60", "3pm", "2024-06-18", "15:01~", "9:00~10:00~11:00", "15.01", "2024-13-01 10:00",
            "明天 10:00", "2024-06-18  10:00"})
    void invalidTimes(String value) {
        refused("time4", value, Reason.TIME_FORMAT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2019年10月1日", "2019年10月", "10月1日", "2018-01-01", "2018/01/01", "2018.01.01", "2018-01", "01-01", "2018.1",
            "2024年7月1日 09:00", "2024-07-01 09:00:30", "2024-07-01~2024-07-03", "2024年7月1日 ~ 2024年7月3日"})
    void validDates(String value) {
        ok("date5", value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-13-01", "2024-06/01", "明天", "2024-06-32", "10月", "2024年", "24-06-01", "2024-06-01 25:00",
            "2024年7月1日 09:00~18:00", "06-01-2024"})
    void invalidDates(String value) {
        refused("date5", value, Reason.DATE_FORMAT);
    }

    @Test
    void amountIsACurrencySymbolDigitsAndAnOptionalYuan() {
        ok("amount6", "128.00元");
        ok("amount6", "￥59.9");
        ok("amount6", "¥59.90");
        ok("amount6", "$3");
        ok("amount6", "1234567890");
        ok("amount6", "12345678.90元");
        refused("amount6", "12345678901", Reason.TOO_LONG);
        refused("amount6", "123456789.10", Reason.TOO_LONG);
        refused("amount6", "-200.00元", Reason.AMOUNT_FORMAT);
        refused("amount6", "1,024.50元", Reason.AMOUNT_FORMAT);
        refused("amount6", "¥¥5", Reason.AMOUNT_FORMAT);
        refused("amount6", "5.123", Reason.AMOUNT_FORMAT);
        refused("amount6", "五元", Reason.AMOUNT_FORMAT);
    }

    @Test
    void phoneNumberIsDigitsAndSymbols() {
        ok("phone_number7", "+86-0766-66888866");
        ok("phone_number7", "0755 8888 6666");
        ok("phone_number7", "1".repeat(17));
        refused("phone_number7", "1".repeat(18), Reason.TOO_LONG);
        refused("phone_number7", "400-KFC", Reason.CHARACTER_NOT_ALLOWED);
        refused("phone_number7", "电话123", Reason.CHARACTER_NOT_ALLOWED);
    }

    @Test
    void carNumberHasChineseOnlyAtItsEnds() {
        ok("car_number8", "粤A8Z888挂");
        ok("car_number8", "粤B12345");
        ok("car_number8", "WA12345");
        ok("car_number8", "粤B");
        refused("car_number8", "粤A8Z8888挂", Reason.TOO_LONG);
        refused("car_number8", "粤", Reason.CAR_NUMBER_FORMAT);
        refused("car_number8", "粤B·12345", Reason.CAR_NUMBER_FORMAT);
        refused("car_number8", "粤B中2345", Reason.CAR_NUMBER_FORMAT);
    }

    @Test
    void nameIsTenChineseOrTwentyLettersAndNoDigits() {
        ok("name9", "李明");
        ok("name9", "John Smith");
        ok("name9", "李Lily");
        ok("name9", "欧阳一二三四五六七八");
        ok("name9", "a".repeat(20));
        refused("name9", "欧阳一二三四五六七八九", Reason.TOO_LONG);
        refused("name9", "a".repeat(21), Reason.TOO_LONG);
        refused("name9", "李明Lilyabcdefgh", Reason.TOO_LONG);
        refused("name9", "李明1", Reason.NAME_FORMAT);
    }

    @Test
    void phraseIsFiveChineseCharacters() {
        ok("phrase3", "配送中");
        ok("phrase3", "审核已通过");
        refused("phrase3", "审核已经通过", Reason.TOO_LONG);
        refused("phrase3", "OK", Reason.CHARACTER_NOT_ALLOWED);
        refused("phrase3", "已发货!", Reason.CHARACTER_NOT_ALLOWED);
    }

    @Test
    void legacyKeywordsAreCutOnThePhoneNeverRefused() {
        Verdict cut = check("keyword1", "一二三四五六七八九十一二三四五六七八九十一");
        assertThat(cut.outcome()).isEqualTo(Outcome.CUT_FOR_DISPLAY);
        assertThat(cut.limit()).isEqualTo(20);
        assertThat(cut.reason()).isNull();
        ok("keyword1", "一二三四五六七八九十一二三四五六七八九十");
        refused("keyword1", "", Reason.EMPTY);
        refused("short_thing1", " ", Reason.EMPTY);
        ok("first", "");
        ok("keyword1", "line\nbreak");
        assertThat(check("short_thing1", "x".repeat(25)).outcome()).isEqualTo(Outcome.CUT_FOR_DISPLAY);
        ok("first", "x".repeat(100));
        ok("remark", "x".repeat(100));
    }
}

package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.errcode;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-type rules of template values (README "Template values by type"): 47003 for a bad value, never a cut. */
class TemplateValueRulesTest {

    @ParameterizedTest(name = "{0} accepts ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "thing1|无线蓝牙耳机",
        "thing2|一二三四五六七八九十一二三四五六七八九十",
        "thing3|Order #42, 已发货!",
        "number1|2360",
        "number2|12.5",
        "number3|01234567890123456789012345678901",
        "letter1|ABC",
        "letter2|abcdefghijklmnopqrstuvwxyzABCDEF",
        "symbol1|#*",
        "symbol2|-+-+-",
        "character_string3|SF1234567890123",
        "character_string1|WO-2024/06",
        "character_string2|A b.c",
        "time4|15:01",
        "time1|9:05",
        "time2|2019年10月1日 15:01",
        "time3|2024-06-18 14:32:05",
        "time5|2024/06/18 14:32",
        "time6|09:00~18:00",
        "time7|2024年6月18日 09:00 ~ 2024年6月18日 18:00",
        "date2|2019年10月1日",
        "date1|2018/01/01",
        "date3|2018.01.01",
        "date4|2018-01",
        "date5|01-01",
        "date6|10月1日",
        "date7|2019年10月",
        "date8|2024年7月1日 09:00",
        "date9|2024-07-01~2024-07-03",
        "amount2|128.00元",
        "amount1|￥59.9",
        "amount3|$3",
        "amount4|¥1234567890",
        "amount5|12345678.90",
        "phone_number4|+86-0766-66888866",
        "phone_number1|0755 8888 6666",
        "car_number1|粤A8Z888挂",
        "car_number2|粤B12345",
        "car_number3|WA12345",
        "name1|李明",
        "name2|John Smith",
        "name3|李Lily",
        "name4|欧阳一二三四五六七八",
        "phrase2|已通过",
        "phrase3|配送中",
        "keyword1|any text at all, longer than twenty characters, 中文 123",
        "first|\\n你好",
        "remark|谢谢\\n",
        "const3|whatever",
        "short_thing1|不检查",
    })
    void accepts(String key, String value) {
        assertThat(TemplateValueRules.accepts(key, value.replace("\\n", "\n"))).isTrue();
    }

    @ParameterizedTest(name = "{0} refuses ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "thing1|一二三四五六七八九十一二三四五六七八九十一",
        "thing1|第一行\\n第二行",
        "number1|-3",
        "number1|1,024",
        "number1|12a",
        "number1|1.2.3",
        "number1|012345678901234567890123456789012",
        "letter1|AB1",
        "letter1|中",
        "letter1|abcdefghijklmnopqrstuvwxyzABCDEFG",
        "symbol1|a#",
        "symbol1|######",
        "character_string1|订单123",
        "character_string1|012345678901234567890123456789012",
        "character_string1|AB\\tC",
        "time1|25:00",
        "time1|12:60",
        "time1|3pm",
        "time1|2024-06-18",
        "time1|明天 10:00",
        "time1|10:00~11:00~12:00",
        "date1|2024-13-01",
        "date1|2024-06/01",
        "date1|明天",
        "date1|2024-06-32",
        "date1|24-06-01",
        "amount1|-200.00元",
        "amount1|1,024.50元",
        "amount1|12345678901",
        "amount1|¥¥5",
        "amount1|5.123",
        "amount1|元",
        "amount1|RMB5",
        "phone_number1|400-KFC",
        "phone_number1|123456789012345678",
        "phone_number1|电话0755",
        "car_number1|粤B·12345",
        "car_number1|粤B中2345",
        "car_number1|粤A12345678",
        "car_number1|粤",
        "name1|李明1",
        "name1|一二三四五六七八九十一",
        "name1|abcdefghijklmnopqrstu",
        "phrase1|OK",
        "phrase1|审核已经通过了",
        "phrase1|已 通过",
    })
    void refuses(String key, String value) {
        assertThat(TemplateValueRules.accepts(key, value.replace("\\n", "\n").replace("\\t", "\t"))).isFalse();
    }

    @Test
    void theTypeIsTheKeyWithoutItsNumber() {
        assertThat(TemplateValueRules.typeOf("character_string12")).isEqualTo("character_string");
        assertThat(TemplateValueRules.typeOf("phone_number4")).isEqualTo("phone_number");
        assertThat(TemplateValueRules.typeOf("thing")).isEqualTo("thing");
        assertThat(TemplateValueRules.legacy("keyword3")).isTrue();
        assertThat(TemplateValueRules.legacy("thing3")).isFalse();
    }

    // ------------------------------------------------------------ through message/template/send

    private final Sandbox sb = new Sandbox().serviceAccount().fans(5, null);

    private String add(String shortId) {
        JsonObject r = sb.call("cgi-bin/template/api_add_template", Sandbox.addBody(shortId));
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.getString("template_id");
    }

    private JsonObject send(String templateId, String data) {
        return sb.call("cgi-bin/message/template/send", "{\"touser\":\"" + sb.openid(0) + "\",\"template_id\":\""
                + templateId + "\",\"data\":" + data + "}");
    }

    @Test
    void aTypedValueThatBreaksItsRuleIsRefusedWithTheKeyNamedAndNothingIsDelivered() {
        String shipping = add("43216"); // thing1, thing2, character_string3, time4
        String good = "{\"thing1\":{\"value\":\"无线蓝牙耳机\"},\"thing2\":{\"value\":\"顺丰速运\"},"
                + "\"character_string3\":{\"value\":\"SF1234567890123\"},\"time4\":{\"value\":\"2024年6月18日 14:32\"}}";
        assertThat(errcode(send(shipping, good))).isZero();

        JsonObject longThing = send(shipping, good.replace("无线蓝牙耳机", "无线蓝牙耳机无线蓝牙耳机无线蓝牙耳机无线蓝牙耳机"));
        assertThat(errcode(longThing)).isEqualTo(47003);
        assertThat(longThing.getString("errmsg")).startsWith("argument invalid! data.thing1.value invalid");

        JsonObject chineseString = send(shipping, good.replace("SF1234567890123", "顺丰SF123"));
        assertThat(errcode(chineseString)).isEqualTo(47003);
        assertThat(chineseString.getString("errmsg")).startsWith("argument invalid! data.character_string3.value invalid");

        JsonObject badTime = send(shipping, good.replace("2024年6月18日 14:32", "下午两点"));
        assertThat(badTime.getString("errmsg")).startsWith("argument invalid! data.time4.value invalid");

        assertThat(sb.control.ledgerSummary(Sandbox.APP).getJsonObject("byKind").getJsonObject("template")
                .getInt("total")).isEqualTo(1);
    }

    @Test
    void phrasesAndAmountsFollowTheirTypes() {
        String review = add("47810"); // thing1, phrase2, time3
        String data = "{\"thing1\":{\"value\":\"实名认证\"},\"phrase2\":{\"value\":\"%s\"},\"time3\":{\"value\":\"16:00\"}}";
        assertThat(errcode(send(review, data.formatted("已通过")))).isZero();
        assertThat(send(review, data.formatted("passed")).getString("errmsg"))
                .startsWith("argument invalid! data.phrase2.value invalid");
        String pay = add("42984"); // character_string1, amount2, time3, thing4
        String payData = "{\"character_string1\":{\"value\":\"2024061812345678\"},\"amount2\":{\"value\":\"%s\"},"
                + "\"time3\":{\"value\":\"2024-06-18 14:32\"},\"thing4\":{\"value\":\"耳机\"}}";
        assertThat(errcode(send(pay, payData.formatted("￥128.00")))).isZero();
        assertThat(send(pay, payData.formatted("一百二十八元")).getString("errmsg"))
                .startsWith("argument invalid! data.amount2.value invalid");
    }

    @Test
    void legacyKeywordValuesAreAcceptedAtAnyLengthAndCutToTwentyInTheLedger() {
        String paid = add("TM00015");
        String longText = "无线蓝牙耳机".repeat(6);
        JsonObject r = send(paid, "{\"keyword1\":{\"value\":\"" + longText + "\"},\"keyword2\":{\"value\":\"x\"},"
                + "\"keyword3\":{\"value\":\"y\"},\"keyword4\":{\"value\":\"z\"}}");
        assertThat(errcode(r)).as(r.toString()).isZero();
        String summary = sb.control.ledger(Sandbox.APP, sb.openid(0), "template", 10, 0).getJsonArray("entries")
                .getJsonObject(0).getString("summary");
        assertThat(summary).contains("keyword1=" + longText.substring(0, 20) + ";").doesNotContain(longText.substring(0, 21));
    }

    @Test
    void aCategoryTemplateNeedsItsKeywordNames() {
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"43216\"}")))
                .isEqualTo(40246);
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template",
                "{\"template_id_short\":\"43216\",\"keyword_name_list\":[]}"))).isEqualTo(40246);
        // old-model templates take no keyword list
        assertThat(errcode(sb.call("cgi-bin/template/api_add_template", "{\"template_id_short\":\"TM00015\"}"))).isZero();
    }
}

package app.fanmail.templates.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of value a template field holds, read from its key. Templates of the category model name
 * their keys by type and position ({@code thing1}, {@code amount2}, {@code time3},
 * {@code character_string4}, {@code phrase5}); templates of the industry model use
 * {@code keyword1}, {@code keyword2}, … framed by the legacy {@code first} and {@code remark}.
 * WeChat refuses a typed value that breaks its type (47003; the rules are wechat's
 * {@code TemplateValueRules}); only {@code keywordN} values are cut to 20 characters on the phone.
 */
public enum FieldType {
    /** {@code first} or {@code remark}: not shown on phones since 2023-05-04. */
    LEGACY(null),
    /** {@code keywordN}: the industry model's numbered fields. */
    KEYWORD("keyword"),
    /** {@code thingN}: free text such as a product or event name. */
    THING("thing"),
    /** {@code numberN}: digits, possibly with a decimal point. */
    NUMBER("number"),
    /** {@code letterN}: letters. */
    LETTER("letter"),
    /** {@code symbolN}: symbols. */
    SYMBOL("symbol"),
    /** {@code character_stringN}: a mix of letters, digits and symbols, e.g. an order number. */
    CHARACTER_STRING("character_string"),
    /** {@code timeN}: a time, e.g. 2026-01-31 23:30. */
    TIME("time"),
    /** {@code dateN}: a date. */
    DATE("date"),
    /** {@code amountN}: a sum of money, e.g. 99.00元. */
    AMOUNT("amount"),
    /** {@code phone_numberN}: a phone number. */
    PHONE_NUMBER("phone_number"),
    /** {@code car_numberN}: a vehicle licence plate. */
    CAR_NUMBER("car_number"),
    /** {@code nameN}: a person's name. */
    NAME("name"),
    /** {@code phraseN}: a short phrase such as a status (已发货). */
    PHRASE("phrase"),
    /** Any other key. */
    OTHER(null);

    private static final Pattern TYPED_KEY = Pattern.compile("([a-z_]+?)([0-9]+)");

    private final String prefix;

    FieldType(String prefix) {
        this.prefix = prefix;
    }

    /** The key prefix WeChat uses for this type, e.g. {@code character_string}; null for LEGACY and OTHER. */
    public String prefix() {
        return prefix;
    }

    /** The type of a (valid) key. Keys are case-sensitive: {@code Thing1} and {@code First} are OTHER. */
    public static FieldType ofKey(String key) {
        if (key == null) {
            return OTHER;
        }
        if (TemplateContent.LEGACY_KEYS.contains(key)) {
            return LEGACY;
        }
        Matcher m = TYPED_KEY.matcher(key);
        if (m.matches()) {
            String p = m.group(1);
            for (FieldType type : values()) {
                if (p.equals(type.prefix)) {
                    return type;
                }
            }
        }
        return OTHER;
    }
}

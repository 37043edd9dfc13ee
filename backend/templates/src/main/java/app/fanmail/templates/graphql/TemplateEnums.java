package app.fanmail.templates.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** GraphQL enums of the templates module, mirroring the domain's by name (the domain stays free of GraphQL). */
public final class TemplateEnums {
    private TemplateEnums() {
    }

    @Enum("TemplateFieldType")
    @Description("What a template field holds, read from its key's prefix.")
    public enum TemplateFieldType {
        @Description("first or remark: not shown on phones since 2023-05-04.") LEGACY,
        @Description("keywordN: the industry model's numbered fields.") KEYWORD,
        @Description("thingN: free text such as a product or event name (20 characters).") THING,
        @Description("numberN: digits, possibly with a decimal point.") NUMBER,
        @Description("letterN: letters.") LETTER,
        @Description("symbolN: symbols.") SYMBOL,
        @Description("character_stringN: letters, digits and symbols, e.g. an order number.") CHARACTER_STRING,
        @Description("timeN: a time, e.g. 2026-01-31 23:30.") TIME,
        @Description("dateN: a date.") DATE,
        @Description("amountN: a sum of money, e.g. 99.00元.") AMOUNT,
        @Description("phone_numberN: a phone number.") PHONE_NUMBER,
        @Description("car_numberN: a vehicle licence plate.") CAR_NUMBER,
        @Description("nameN: a person's name.") NAME,
        @Description("phraseN: a short phrase such as a status.") PHRASE,
        @Description("Any other key.") OTHER
    }

    @Enum("TemplatePreviewWarningCode")
    @Description("How a phone's display differs from the values given.")
    public enum TemplatePreviewWarningCode {
        @Description("The value is longer than a phone shows (20 characters) and is cut.") VALUE_TRUNCATED,
        @Description("The value is empty or blank.") VALUE_EMPTY,
        @Description("No value was given for a field of the template.") VALUE_MISSING,
        @Description("A value was given for a key the template does not have.") UNKNOWN_KEY,
        @Description("A value for first/remark, which phones no longer show.") LEGACY_FIELD_HIDDEN,
        @Description("Emoji are removed from values.") EMOJI_REMOVED
    }

    @Enum("TemplateValueRefusalReason")
    @Description("Why WeChat refuses a value for its field's type (47003); the message is not sent.")
    public enum TemplateValueRefusalReason {
        @Description("Typed fields need a value.") EMPTY,
        @Description("Longer than the type allows (limit characters).") TOO_LONG,
        @Description("A character the type does not take, e.g. Chinese in character_string, digits in letter.") CHARACTER_NOT_ALLOWED,
        @Description("A line break or another control character.") CONTROL_CHARACTER,
        @Description("Not a 24-hour time such as 15:01 or 2026年1月31日 15:01 (ranges join two with ~).") TIME_FORMAT,
        @Description("Not a date such as 2026年1月31日, 2026-01-31 or 2026/01/31 (optionally with a time; ranges with ~).") DATE_FORMAT,
        @Description("Not an amount such as ¥99.00 or 99.00元 (at most 10 digits, 2 decimals).") AMOUNT_FORMAT,
        @Description("Not a licence plate: Chinese only first or last, letters and digits between, 2–8 characters.") CAR_NUMBER_FORMAT,
        @Description("Not a name: no digits; Chinese at most 10 characters, letters and symbols at most 20.") NAME_FORMAT
    }

    @Enum("TemplateFieldSource")
    @Description("Where a preset takes a field's value from.")
    public enum TemplateFieldSource {
        @Description("A fixed text, the same for every fan.") FIXED,
        @Description("The fan's remark (备注名) set by the account.") REMARK,
        @Description("The names of the fan's tags.") TAG_NAME,
        @Description("The fan's openid.") OPENID,
        @Description("A column of an uploaded CSV of recipients.") CSV_COLUMN
    }

    @Enum("TemplateSetupModel")
    @Description("How an account chooses the templates it may use.")
    public enum TemplateSetupModel {
        @Description("Two industries (primary and secondary), changeable once a calendar month.") INDUSTRY,
        @Description("Up to 5 service categories, 5 changes a calendar month; removing one deletes its templates.") CATEGORY
    }
}

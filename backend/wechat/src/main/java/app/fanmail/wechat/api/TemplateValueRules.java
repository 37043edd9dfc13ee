package app.fanmail.wechat.api;

import java.util.Objects;

/**
 * WeChat's rules for the values of a template message, by the type its field key names. Templates of the category
 * model name their keys by type ({@code thing1}, {@code character_string2}, {@code time3}…): WeChat refuses a value
 * that breaks its type with 47003 {@code argument invalid! data.<key>.value invalid} instead of cutting it. Values of
 * the industry model's {@code keywordN} fields (and keys of no known type) are taken as they are and only cut on the
 * phone. Every field but {@code first} and {@code remark} is refused empty ({@code … is empty}). The rule table lives in {@code wechat.domain.TemplateValueTable}; this is what other modules see of it.
 */
public interface TemplateValueRules {

    /** The type a key names, from its prefix. */
    enum ValueType {
        /** {@code thingN}: at most 20 characters of any kind. */
        THING,
        /** {@code numberN}: at most 32 digits, a decimal point allowed. */
        NUMBER,
        /** {@code letterN}: at most 32 Latin letters. */
        LETTER,
        /** {@code symbolN}: at most 5 symbols (neither letters, digits nor Chinese). */
        SYMBOL,
        /** {@code character_stringN}: at most 32 digits, letters or symbols; no Chinese. */
        CHARACTER_STRING,
        /** {@code timeN}: a 24-hour time, optionally after a date, or a range of two joined by {@code ~}. */
        TIME,
        /** {@code dateN}: a date, optionally with a 24-hour time, or a range of two joined by {@code ~}. */
        DATE,
        /** {@code amountN}: an optional currency symbol, at most 10 digits, decimals allowed, an optional 元 at the end. */
        AMOUNT,
        /** {@code phone_numberN}: at most 17 digits and symbols. */
        PHONE_NUMBER,
        /** {@code car_numberN}: at most 8; first and last may be Chinese, the rest letters or digits. */
        CAR_NUMBER,
        /** {@code nameN}: at most 10 characters when it has Chinese, else at most 20 letters or symbols. */
        NAME,
        /** {@code phraseN}: at most 5 Chinese characters. */
        PHRASE,
        /** {@code keywordN} of the industry model: anything, cut to 20 characters on the phone. */
        KEYWORD,
        /** {@code first} and {@code remark}: not shown on phones since 2023-05-04, not checked. */
        LEGACY,
        /** A key of no type Fanmail knows (e.g. {@code short_thing}): not checked, cut to 20 characters on the phone. */
        UNTYPED;

        /** Whether WeChat checks values of this type and refuses invalid ones (47003). */
        public boolean typed() {
            return this != KEYWORD && this != LEGACY && this != UNTYPED;
        }
    }

    /** What WeChat does with a value. */
    enum Outcome {
        /** Sent and shown as it is. */
        OK,
        /** Refused by type: WeChat answers 47003 naming the field; nothing is sent. */
        REFUSED,
        /** Sent, but the phone shows only the first characters (untyped and keywordN values). */
        CUT_FOR_DISPLAY
    }

    /** Why a value is refused. Stable codes: the UI translates them. */
    enum Reason {
        /** Values must not be empty (47003 "… is empty"); first and remark excepted. */
        EMPTY,
        /** Longer than the type allows ({@link Verdict#limit()} characters). */
        TOO_LONG,
        /** A character the type does not take (Chinese in character_string, digits in letter…). */
        CHARACTER_NOT_ALLOWED,
        /** Line breaks or other control characters. */
        CONTROL_CHARACTER,
        /** Not a 24-hour time (HH:MM or HH:MM:SS, optionally after a date; ranges with ~). */
        TIME_FORMAT,
        /** Not a date (2026年1月31日, 2026-01-31, 2026/01/31, 2026.01.31, 2026-01, 01-31…; optionally with a time; ranges with ~). */
        DATE_FORMAT,
        /** Not an amount (¥99.00, 99.00元, at most 10 digits before the point). */
        AMOUNT_FORMAT,
        /** Not a plate: first and last may be Chinese, the rest letters or digits. */
        CAR_NUMBER_FORMAT,
        /** Not a name: Chinese (10 at most, letters allowed) or letters and symbols (20 at most), no digits. */
        NAME_FORMAT
    }

    /**
     * The verdict on one value.
     *
     * @param key     the field key
     * @param type    the type the key names
     * @param outcome what WeChat does with it
     * @param reason  why it is refused; null unless REFUSED
     * @param limit   the type's length limit in characters (REFUSED for TOO_LONG), or the characters a phone shows
     *                (CUT_FOR_DISPLAY); otherwise null
     * @param message English explanation naming the field; null when OK
     */
    record Verdict(String key, ValueType type, Outcome outcome, Reason reason, Integer limit, String message) {
        public Verdict {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == Outcome.REFUSED) != (reason != null)) {
                throw new IllegalArgumentException("a reason is given exactly when a value is refused");
            }
        }

        public static Verdict ok(String key, ValueType type) {
            return new Verdict(key, type, Outcome.OK, null, null, null);
        }

        public static Verdict refused(String key, ValueType type, Reason reason, Integer limit, String message) {
            return new Verdict(key, type, Outcome.REFUSED, reason, limit, message);
        }

        public static Verdict cut(String key, ValueType type, int shown, String message) {
            return new Verdict(key, type, Outcome.CUT_FOR_DISPLAY, null, shown, message);
        }

        public boolean refused() {
            return outcome == Outcome.REFUSED;
        }
    }

    /** The type a key names. Keys are case-sensitive. */
    ValueType typeOf(String key);

    /** What WeChat does with this value in the field {@code key}; a null value counts as empty. */
    Verdict check(String key, String value);
}

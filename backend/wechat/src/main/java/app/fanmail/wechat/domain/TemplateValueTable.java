package app.fanmail.wechat.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.wechat.api.TemplateValueRules;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * WeChat's per-type rules for template values (category templates), as one table. Sources: the official
 * "类目模板消息参数值内容限制说明" of the service-account template doc
 * (developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html#类目模板消息) and the
 * same table in the subscribe-message doc (subscribeMessage.send, "订阅消息参数值内容限制说明"), with its notes on
 * symbols ("除中文、英文、数字外的常见符号,不能带有换行等控制字符"), times ("HH:MM:SS或者HH:MM") and dates ("y年m月d日, y年m月,
 * m月d日, 或者用'-'、'/'、'.'符号连接, 如2018-01-01, 2018/01/01, 2018.01.01, 2018-01, 01-01"); a WeChat staff answer
 * in the developer community (character_string "不支持中文", answered to a 47003 on {@code character_string21}).
 * Lengths count Unicode code points. Untyped keys ({@code keywordN}, unknown prefixes) are refused only when empty,
 * never for their length: the phone shows their first {@value #DISPLAY_LENGTH} characters. {@code first} and
 * {@code remark} are never checked. The same table, with the same sources, is in the sandbox README ("Template
 * values by type"); the two implementations share no code.
 */
@ApplicationScoped
public class TemplateValueTable implements TemplateValueRules {
    /** Characters a phone shows of an untyped value since 2023-05-04 (longer ones are cut, not refused). */
    public static final int DISPLAY_LENGTH = 20;

    /** One shared instance for code that is not a CDI bean. */
    public static final TemplateValueTable WECHAT = new TemplateValueTable();

    private static final Pattern TYPED_KEY = Pattern.compile("([a-z_]+?)([0-9]+)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");
    private static final Pattern AMOUNT = Pattern.compile("([¥￥$€£])?([0-9]+)(?:\\.([0-9]{1,2}))?(元)?");
    private static final Pattern CLOCK = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");
    private static final Pattern CHINESE_DAY = Pattern.compile("(?:(\\d{4})年)?(?:(\\d{1,2})月)(?:(\\d{1,2})日)?");
    private static final Pattern NUMERIC_DAY = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})|(\\d{4})[-/.](\\d{1,2})()|()(\\d{1,2})[-/.](\\d{1,2})");
    private static final Pattern RANGE = Pattern.compile(" *[~～] *");

    @Override
    public ValueType typeOf(String key) {
        if (key == null) {
            return ValueType.UNTYPED;
        }
        if (key.equals("first") || key.equals("remark")) {
            return ValueType.LEGACY;
        }
        Matcher m = TYPED_KEY.matcher(key);
        if (!m.matches()) {
            return ValueType.UNTYPED;
        }
        return switch (m.group(1)) {
            case "keyword" -> ValueType.KEYWORD;
            case "thing" -> ValueType.THING;
            case "number" -> ValueType.NUMBER;
            case "letter" -> ValueType.LETTER;
            case "symbol" -> ValueType.SYMBOL;
            case "character_string" -> ValueType.CHARACTER_STRING;
            case "time" -> ValueType.TIME;
            case "date" -> ValueType.DATE;
            case "amount" -> ValueType.AMOUNT;
            case "phone_number" -> ValueType.PHONE_NUMBER;
            case "car_number" -> ValueType.CAR_NUMBER;
            case "name" -> ValueType.NAME;
            case "phrase" -> ValueType.PHRASE;
            default -> ValueType.UNTYPED;
        };
    }

    @Override
    public Verdict check(String key, String value) {
        ValueType type = typeOf(key);
        String v = value == null ? "" : value;
        if (type != ValueType.LEGACY && v.isBlank()) {
            return refuse(key, type, Reason.EMPTY, null, "is empty; WeChat refuses a message with an empty field (\"data." + key
                    + ".value is empty\")");
        }
        if (!type.typed()) {
            int length = length(v);
            if (type != ValueType.LEGACY && length > DISPLAY_LENGTH) {
                return Verdict.cut(key, type, DISPLAY_LENGTH,
                        "'" + key + "' has " + length + " characters; phones show the first " + DISPLAY_LENGTH + ".");
            }
            return Verdict.ok(key, type);
        }
        if (v.codePoints().anyMatch(TemplateValueTable::isControl)) {
            return refuse(key, type, Reason.CONTROL_CHARACTER, null, "contains a line break or another control character");
        }
        int length = length(v);
        return switch (type) {
            case THING -> max(key, type, length, 20);
            case NUMBER -> orMax(key, type, length, 32, NUMBER.matcher(v).matches(), Reason.CHARACTER_NOT_ALLOWED,
                    "takes only digits, with an optional decimal point");
            case LETTER -> orMax(key, type, length, 32, LETTERS.matcher(v).matches(), Reason.CHARACTER_NOT_ALLOWED,
                    "takes only letters A-Z and a-z");
            case SYMBOL -> orMax(key, type, length, 5, v.codePoints().allMatch(TemplateValueTable::isSymbol), Reason.CHARACTER_NOT_ALLOWED,
                    "takes only symbols (no letters, digits or Chinese)");
            case CHARACTER_STRING -> orMax(key, type, length, 32, v.codePoints().noneMatch(TemplateValueTable::isChinese),
                    Reason.CHARACTER_NOT_ALLOWED, "takes digits, letters and symbols only; no Chinese");
            case PHONE_NUMBER -> orMax(key, type, length, 17,
                    v.codePoints().allMatch(c -> isDigit(c) || isSymbol(c)), Reason.CHARACTER_NOT_ALLOWED,
                    "takes only digits and symbols, e.g. +86-0766-66888866");
            case PHRASE -> orMax(key, type, length, 5, v.codePoints().allMatch(TemplateValueTable::isChinese), Reason.CHARACTER_NOT_ALLOWED,
                    "takes only Chinese characters, e.g. 配送中");
            case CAR_NUMBER -> orMax(key, type, length, 8, carNumber(v), Reason.CAR_NUMBER_FORMAT,
                    "is not a plate: the first and last may be Chinese, the others letters or digits, e.g. 粤A8Z888挂");
            case NAME -> name(key, type, v, length);
            case AMOUNT -> amount(key, type, v);
            case TIME -> range(v, true) ? Verdict.ok(key, type)
                    : refuse(key, type, Reason.TIME_FORMAT, null,
                    "is not a 24-hour time such as 15:01, 15:01:30 or 2026年1月31日 15:01 (a range joins two with ~)");
            case DATE -> range(v, false) ? Verdict.ok(key, type)
                    : refuse(key, type, Reason.DATE_FORMAT, null,
                    "is not a date such as 2026年1月31日, 2026-01-31, 2026/01/31 or 2026-01-31 15:01 (a range joins two with ~)");
            default -> Verdict.ok(key, type);
        };
    }

    private static Verdict max(String key, ValueType type, int length, int limit) {
        return length <= limit ? Verdict.ok(key, type)
                : refuse(key, type, Reason.TOO_LONG, limit, "has " + length + " characters; WeChat takes at most " + limit);
    }

    private static Verdict orMax(String key, ValueType type, int length, int limit, boolean charactersOk, Reason reason, String rule) {
        if (!charactersOk) {
            return refuse(key, type, reason, null, rule);
        }
        return max(key, type, length, limit);
    }

    private static Verdict refuse(String key, ValueType type, Reason reason, Integer limit, String what) {
        return Verdict.refused(key, type, reason, limit, "'" + key + "' (" + type.name().toLowerCase() + ") " + what + ".");
    }

    private static Verdict name(String key, ValueType type, String v, int length) {
        if (v.codePoints().anyMatch(TemplateValueTable::isDigit)) {
            return refuse(key, type, Reason.NAME_FORMAT, null, "takes no digits: Chinese (at most 10) or letters and symbols (at most 20)");
        }
        boolean chinese = v.codePoints().anyMatch(TemplateValueTable::isChinese);
        return max(key, type, length, chinese ? 10 : 20);
    }

    private static Verdict amount(String key, ValueType type, String v) {
        Matcher m = AMOUNT.matcher(v);
        if (!m.matches()) {
            return refuse(key, type, Reason.AMOUNT_FORMAT, null, "is not an amount: an optional currency symbol (¥ ￥ $ € £), digits with at most"
                    + " two decimals, an optional 元 (e.g. ¥99.00 or 99.00元)");
        }
        int digits = m.group(2).length() + (m.group(3) == null ? 0 : m.group(3).length());
        if (digits > 10) {
            return refuse(key, type, Reason.TOO_LONG, 10, "has " + digits + " digits; WeChat takes at most 10");
        }
        return Verdict.ok(key, type);
    }

    /** One value, or two joined by ~; each side a time ({@code T} or {@code D T}) or a date ({@code D} or {@code D T}). */
    private static boolean range(String v, boolean time) {
        String[] sides = RANGE.split(v, -1);
        if (sides.length > 2) {
            return false;
        }
        for (String side : sides) {
            if (!(time ? timeValue(side) : dateValue(side))) {
                return false;
            }
        }
        return true;
    }

    /** {@code H:MM[:SS]}, optionally after a date and one space (or none). */
    static boolean timeValue(String v) {
        if (CLOCK.matcher(v).matches()) {
            return true;
        }
        return dated(v);
    }

    /** A date, optionally followed by one space (or none) and {@code H:MM[:SS]}. */
    static boolean dateValue(String v) {
        return day(v) || dated(v);
    }

    /** A date, then one space or none, then a clock time: tries every split. */
    private static boolean dated(String v) {
        for (int i = 1; i < v.length(); i++) {
            String clock = v.substring(i);
            String day = v.substring(0, i);
            if (clock.startsWith(" ")) {
                clock = clock.substring(1);
            }
            if (!clock.startsWith(" ") && CLOCK.matcher(clock).matches() && day(day)) {
                return true;
            }
        }
        return false;
    }

    /** y年m月d日, y年m月, m月d日, or y-m-d, y-m, m-d with -, / or . (one separator throughout); m 1–12, d 1–31. */
    static boolean day(String s) {
        Matcher c = CHINESE_DAY.matcher(s);
        if (c.matches()) {
            if (c.group(1) == null && c.group(3) == null) {
                return false;
            }
            return validDay(c.group(2), c.group(3));
        }
        Matcher n = NUMERIC_DAY.matcher(s);
        if (!n.matches()) {
            return false;
        }
        if (n.group(1) != null) {
            return validDay(n.group(3), n.group(4));
        }
        if (n.group(5) != null) {
            return validDay(n.group(6), null);
        }
        return validDay(n.group(9), n.group(10));
    }

    private static boolean validDay(String month, String dayOfMonth) {
        int m = Integer.parseInt(month);
        int d = dayOfMonth == null || dayOfMonth.isEmpty() ? 1 : Integer.parseInt(dayOfMonth);
        return m >= 1 && m <= 12 && d >= 1 && d <= 31;
    }

    /** 2–8 characters; the first and the last may be Chinese, the others are letters or digits. */
    private static boolean carNumber(String v) {
        int[] cps = v.codePoints().toArray();
        if (cps.length < 2) {
            return false;
        }
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean edge = i == 0 || i == cps.length - 1;
            if (!(isLetter(c) || isDigit(c) || (edge && isChinese(c)))) {
                return false;
            }
        }
        return true;
    }

    /** Chinese: a code point of the Han script. */
    static boolean isChinese(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** ISO control characters and the line and paragraph separators (U+2028, U+2029). */
    static boolean isControl(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029;
    }

    /** ASCII digits only. */
    static boolean isDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }

    /** ASCII letters only. */
    static boolean isLetter(int cp) {
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    }

    /** A symbol: any code point that is not a letter, a digit, Chinese or a control character (a space is one). */
    static boolean isSymbol(int cp) {
        return !isLetter(cp) && !isDigit(cp) && !isChinese(cp) && !isControl(cp);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}

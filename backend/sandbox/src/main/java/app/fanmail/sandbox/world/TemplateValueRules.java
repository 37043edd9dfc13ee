package app.fanmail.sandbox.world;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What WeChat accepts as the value of a typed template placeholder ({@code thing1}, {@code amount2}, …): one table,
 * one predicate per type. A value that breaks its type's rule is refused with 47003; nothing typed is cut. The
 * legacy keys ({@code first}, {@code remark}, {@code keywordN}) are not typed. The rules and their sources are in the
 * sandbox README, "Template values by type".
 */
final class TemplateValueRules {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern LEGACY = Pattern.compile("first|remark|keyword[0-9]+");
    private static final String T = "([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?";
    private static final String M = "(0?[1-9]|1[0-2])";
    private static final String D = "(0?[1-9]|[12][0-9]|3[01])";
    private static final String Y = "[0-9]{4}";
    private static final String DATE = "(?:" + Y + "年" + M + "月" + D + "日|" + Y + "年" + M + "月|" + M + "月" + D + "日"
            + "|" + Y + "-" + M + "-" + D + "|" + Y + "/" + M + "/" + D + "|" + Y + "\\." + M + "\\." + D
            + "|" + Y + "[-/.]" + M + "|" + M + "[-/.]" + D + ")";
    private static final Pattern TIME_POINT = Pattern.compile("(" + DATE + " ?)?" + T);
    private static final Pattern DATE_POINT = Pattern.compile(DATE + "( ?" + T + ")?");
    private static final Pattern AMOUNT = Pattern.compile("[¥￥$€£]?([0-9]+)(\\.([0-9]{1,2}))?元?");

    /** The placeholder types and their rules. Types not listed (const, enum, short_thing, …) are not checked. */
    static final Map<String, Predicate<String>> RULES = Map.ofEntries(
            Map.entry("thing", v -> length(v) <= 20),
            Map.entry("number", v -> length(v) <= 32 && NUMBER.matcher(v).matches()),
            Map.entry("letter", v -> length(v) <= 32 && all(v, TemplateValueRules::letter)),
            Map.entry("symbol", v -> length(v) <= 5 && all(v, TemplateValueRules::symbol)),
            Map.entry("character_string", v -> length(v) <= 32
                    && all(v, c -> letter(c) || digit(c) || symbol(c))),
            Map.entry("time", TemplateValueRules::time),
            Map.entry("date", TemplateValueRules::date),
            Map.entry("amount", TemplateValueRules::amount),
            Map.entry("phone_number", v -> length(v) <= 17 && all(v, c -> digit(c) || symbol(c))),
            Map.entry("car_number", TemplateValueRules::carNumber),
            Map.entry("name", TemplateValueRules::name),
            Map.entry("phrase", v -> length(v) <= 5 && all(v, TemplateValueRules::chinese)));

    private TemplateValueRules() {
    }

    /** Whether {@code key} is a legacy placeholder, whose value is free text cut to 20 characters for display. */
    static boolean legacy(String key) {
        return LEGACY.matcher(key).matches();
    }

    /** The type of a placeholder key: the key without its trailing digits ({@code character_string3} → its type). */
    static String typeOf(String key) {
        return key.toLowerCase(Locale.ROOT).replaceFirst("_?[0-9]+$", "");
    }

    /**
     * Whether a non-empty {@code value} is acceptable for {@code key}. Legacy and unknown types accept anything;
     * control characters are refused in every typed value.
     */
    static boolean accepts(String key, String value) {
        if (legacy(key)) {
            return true;
        }
        Predicate<String> rule = RULES.get(typeOf(key));
        if (rule == null) {
            return true;
        }
        return !value.isEmpty() && value.codePoints().noneMatch(TemplateValueRules::control) && rule.test(value);
    }

    // ------------------------------------------------------------ per-type rules that need more than a line

    private static boolean time(String v) {
        return range(v, TIME_POINT);
    }

    private static boolean date(String v) {
        return range(v, DATE_POINT);
    }

    /** One point, or two points joined by "~" (spaces allowed around it). */
    private static boolean range(String v, Pattern point) {
        String[] parts = v.split("~", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String p : parts) {
            String s = parts.length == 2 ? p.strip() : p;
            if (!point.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean amount(String v) {
        Matcher m = AMOUNT.matcher(v);
        if (!m.matches()) {
            return false;
        }
        int digits = m.group(1).length() + (m.group(3) == null ? 0 : m.group(3).length());
        return digits <= 10;
    }

    private static boolean carNumber(String v) {
        int[] cps = v.codePoints().toArray();
        if (cps.length < 2 || cps.length > 8) {
            return false;
        }
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean alnum = letter(c) || digit(c);
            boolean edge = i == 0 || i == cps.length - 1;
            if (!(alnum || edge && chinese(c))) {
                return false;
            }
        }
        return true;
    }

    private static boolean name(String v) {
        if (v.codePoints().anyMatch(TemplateValueRules::digit)) {
            return false;
        }
        if (v.codePoints().anyMatch(TemplateValueRules::chinese)) {
            return length(v) <= 10;
        }
        return length(v) <= 20;
    }

    // ------------------------------------------------------------ character classes (README: "Character classes")

    static int length(String v) {
        return v.codePointCount(0, v.length());
    }

    private static boolean all(String v, java.util.function.IntPredicate p) {
        return v.codePoints().allMatch(p);
    }

    static boolean chinese(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean letter(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean control(int c) {
        return Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
    }

    /** Anything that is not Chinese, an ASCII letter or digit, or a control character. */
    static boolean symbol(int c) {
        return !chinese(c) && !letter(c) && !digit(c) && !control(c);
    }
}

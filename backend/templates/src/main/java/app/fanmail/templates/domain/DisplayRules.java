package app.fanmail.templates.domain;

/**
 * How WeChat displays a template message on a phone. WeChat changes these rules from time to time
 * (the last time on 2023-05-04), so they are a value rather than constants spread over the code.
 *
 * @param maxValueLength   longest untyped value ({@code keywordN}) shown, in Unicode code points; longer
 *                         ones are cut, not refused (typed values are checked by their type instead)
 * @param hideLegacyFields whether {@code first} and {@code remark} are hidden
 * @param stripEmoji       whether emoji are removed from values
 */
public record DisplayRules(int maxValueLength, boolean hideLegacyFields, boolean stripEmoji) {
    /**
     * Since 2023-05-04: at most 20 characters per value, no {@code first}/{@code remark}, no emoji,
     * no custom colours (previews never carry colours).
     */
    public static final DisplayRules CURRENT = new DisplayRules(20, true, true);

    public DisplayRules {
        if (maxValueLength < 1) {
            throw new IllegalArgumentException("maxValueLength must be at least 1");
        }
    }
}

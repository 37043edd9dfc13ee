package app.fanmail.templates.domain;

/**
 * Finds and removes emoji, which WeChat has not shown in template messages since 2023-05-04.
 *
 * <p>What counts as an emoji here (Java 17 has no {@code Character.isEmoji}):
 * <ul>
 * <li>every code point in U+1F000–U+1FAFF (pictographs, emoticons, transport, flags' regional
 * indicators, skin-tone modifiers, supplemental symbols);</li>
 * <li>the Basic Multilingual Plane symbols that Unicode presents as emoji by default
 * (Emoji_Presentation=Yes: ⌚ ⏰ ☔ ☕ ♈ ⚡ ⚽ ⛔ ✅ ✨ ❌ ❓ ❗ ➕ ⭐ ⭕ …);</li>
 * <li>a symbol followed by the emoji variation selector U+FE0F (❤️, ☀️, ©️, ↔️), with the
 * selector;</li>
 * <li>keycaps (a digit, {@code #} or {@code *}, optional U+FE0F, then U+20E3);</li>
 * <li>what glues an emoji sequence together after an emoji: zero-width joiners (👨‍👩‍👧), skin
 * tones, tag characters (🏴 subdivision flags).</li>
 * </ul>
 * Text-style symbols without U+FE0F (★ ☆ ✓ ❤ © ™ ※ →) are ordinary characters and stay.
 */
public final class Emoji {
    private static final int VS16 = 0xFE0F;
    private static final int ZWJ = 0x200D;
    private static final int KEYCAP = 0x20E3;

    /** BMP code points with Emoji_Presentation=Yes (Unicode emoji-data.txt), as inclusive ranges. */
    private static final int[][] BMP_PRESENTATION = {
            {0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE},
            {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
            {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4},
            {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5}, {0x26FA, 0x26FA}, {0x26FD, 0x26FD},
            {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E},
            {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
            {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}};

    /** BMP symbols that become emoji when followed by U+FE0F. */
    private static final int[][] BMP_WITH_SELECTOR = {
            {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122},
            {0x2139, 0x2139}, {0x2194, 0x21AA}, {0x2300, 0x23FF}, {0x24C2, 0x24C2}, {0x25AA, 0x25FE},
            {0x2600, 0x27BF}, {0x2934, 0x2935}, {0x2B05, 0x2B55}, {0x3030, 0x3030}, {0x303D, 0x303D},
            {0x3297, 0x3297}, {0x3299, 0x3299}};

    private Emoji() {
    }

    /** Whether the text contains anything {@link #strip} would remove. */
    public static boolean contains(String text) {
        return text != null && !strip(text).equals(text);
    }

    /** The text without its emoji (see the class comment); null stays null. */
    public static String strip(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        boolean inSequence = false;
        for (int k = 0; k < cps.length; k++) {
            int cp = cps[k];
            int next = k + 1 < cps.length ? cps[k + 1] : -1;
            int afterNext = k + 2 < cps.length ? cps[k + 2] : -1;
            if (isKeycapBase(cp) && (next == KEYCAP || (next == VS16 && afterNext == KEYCAP))) {
                inSequence = true;
                continue;
            }
            if (isPictographic(cp) || (next == VS16 && in(cp, BMP_WITH_SELECTOR))) {
                inSequence = true;
                continue;
            }
            if (cp == VS16) {
                continue;
            }
            if (inSequence && (cp == ZWJ || cp == KEYCAP || isTag(cp))) {
                continue;
            }
            inSequence = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** A code point that is an emoji on its own, without a variation selector. */
    static boolean isPictographic(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || in(cp, BMP_PRESENTATION);
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean in(int cp, int[][] ranges) {
        for (int[] r : ranges) {
            if (cp >= r[0] && cp <= r[1]) {
                return true;
            }
        }
        return false;
    }
}

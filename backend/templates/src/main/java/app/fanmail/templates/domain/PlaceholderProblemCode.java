package app.fanmail.templates.domain;

/** Why a {@code {{…}}} in template content is not a field. The names are stable codes. */
public enum PlaceholderProblemCode {
    /** "{{keyword1.DATA" with no "}}" after it on the same line. */
    UNCLOSED_PLACEHOLDER("The placeholder is not closed with '}}' on the same line."),
    /** "}}" without an opening "{{" before it, e.g. "{keyword1.DATA}}". */
    STRAY_CLOSING_BRACES("'}}' without a matching '{{' before it on the same line."),
    /** {@code {{{key.DATA}}}}, {@code {{a{{b.DATA}}}}} or a brace inside the braces. */
    NESTED_BRACES("Extra or nested braces: a placeholder is exactly '{{key.DATA}}'."),
    /** {@code {{.DATA}}} or {@code {{}}}. */
    EMPTY_KEY("The placeholder has no key before '.DATA'."),
    /** {@code {{key}}} or {@code {{key.VALUE}}}: WeChat treats it as a reserved word, not a field. */
    MISSING_DATA_SUFFIX("The placeholder does not end with '.DATA', so WeChat treats it as a reserved word, not a field."),
    /** {@code {{key.data}}}: the suffix is case-sensitive. */
    DATA_SUFFIX_CASE("The suffix must be '.DATA' in capitals."),
    /** {@code {{商品.DATA}}}, {@code {{1st.DATA}}}, {@code {{key-1.DATA}}}, {@code {{ key.DATA }}}. */
    ILLEGAL_KEY("A key is ASCII letters, digits and '_', starts with a letter and has no spaces.");

    private final String message;

    PlaceholderProblemCode(String message) {
        this.message = message;
    }

    /** The English explanation used in problems of this kind. */
    public String message() {
        return message;
    }
}

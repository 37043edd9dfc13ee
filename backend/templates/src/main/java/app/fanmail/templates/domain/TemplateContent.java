package app.fanmail.templates.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import app.fanmail.kernel.graphql.UserError;

/**
 * A template's content as WeChat returns it ({@code get_all_private_template}'s {@code content}),
 * parsed into its fields. Example:
 *
 * <pre>
 * {{first.DATA}}
 * 商品名称：{{keyword1.DATA}}
 * 购买时间：{{keyword2.DATA}}
 * {{remark.DATA}}
 * </pre>
 *
 * Rules (WeChat: "the argument in the template must end with .DATA, or it is a reserved word"):
 * <ul>
 * <li>A field is {@code {{key.DATA}}} on one line, exactly two braces each side. Keys are
 * case-sensitive ASCII {@code [A-Za-z][A-Za-z0-9_]*}; the suffix is {@code .DATA} in capitals.</li>
 * <li>Fields are listed in order of first appearance; a key that appears again is the same field
 * (one value fills every occurrence) and is flagged {@link TemplateField#repeated()}.</li>
 * <li>A field's label is the text between the previous placeholder on its line (or the line start)
 * and the placeholder, trimmed of whitespace and colons ({@code ：} or {@code :}).</li>
 * <li>Anything that looks like a placeholder but is not one is reported as a
 * {@link PlaceholderProblem} with its position, never silently dropped. Problems do not stop the
 * parse: the valid fields around them are still found.</li>
 * <li>{@code first} and {@code remark} are fields like any other but marked legacy: phones have not
 * shown them since 2023-05-04.</li>
 * </ul>
 */
public final class TemplateContent {
    /** Keys WeChat stopped showing on 2023-05-04. */
    public static final Set<String> LEGACY_KEYS = Set.of("first", "remark");
    /** The suffix every field placeholder ends with. */
    public static final String DATA_SUFFIX = ".DATA";

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int SNIPPET_MAX = 60;

    private final String content;
    private final List<TemplateField> fields;
    private final List<PlaceholderProblem> problems;

    private TemplateContent(String content, List<TemplateField> fields, List<PlaceholderProblem> problems) {
        this.content = content;
        this.fields = List.copyOf(fields);
        this.problems = List.copyOf(problems);
    }

    /** Parses template content; null is read as empty content (no fields). */
    public static TemplateContent parse(String content) {
        return new Parser(content == null ? "" : content).parse();
    }

    /** Whether {@code key} is a syntactically valid field key. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    public String content() {
        return content;
    }

    /** All fields, legacy ones included, in order of first appearance. */
    public List<TemplateField> fields() {
        return fields;
    }

    /** The fields a fan sees today: all but {@code first} and {@code remark}. */
    public List<TemplateField> visibleFields() {
        return fields.stream().filter(f -> !f.legacy()).toList();
    }

    /** The keys of all fields, in order. */
    public List<String> keys() {
        return fields.stream().map(TemplateField::key).toList();
    }

    public Optional<TemplateField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public boolean hasField(String key) {
        return field(key).isPresent();
    }

    /** Whether the template uses {@code first} or {@code remark}. */
    public boolean usesLegacyFields() {
        return fields.stream().anyMatch(TemplateField::legacy);
    }

    /** Malformed placeholders, in order of position. */
    public List<PlaceholderProblem> problems() {
        return problems;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The problems as user errors on the given input field, e.g. {@code content}. */
    public List<UserError> problemsAsUserErrors(String field) {
        return problems.stream().map(p -> p.toUserError(field)).toList();
    }

    @Override
    public String toString() {
        return "TemplateContent" + keys() + (problems.isEmpty() ? "" : " with " + problems.size() + " problem(s)");
    }

    private static final class Parser {
        private final String content;
        private final Map<String, TemplateField> fields = new LinkedHashMap<>();
        private final List<PlaceholderProblem> problems = new ArrayList<>();
        private String line;
        private int lineStart;
        private int lineNo;

        Parser(String content) {
            this.content = content;
        }

        TemplateContent parse() {
            int start = 0;
            lineNo = 1;
            int n = content.length();
            for (int i = 0; i <= n; i++) {
                char c = i < n ? content.charAt(i) : '\n';
                if (c == '\n' || c == '\r') {
                    parseLine(start, i);
                    if (c == '\r' && i + 1 < n && content.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                    lineNo++;
                }
            }
            return new TemplateContent(content, new ArrayList<>(fields.values()), problems);
        }

        private void parseLine(int from, int to) {
            line = content.substring(from, to);
            lineStart = from;
            int len = line.length();
            int pos = 0;
            int labelFrom = 0;
            while (pos < len) {
                int open = line.indexOf("{{", pos);
                int limit = open < 0 ? len : open;
                for (int c = line.indexOf("}}", pos); c >= 0 && c < limit; c = line.indexOf("}}", c)) {
                    int cEnd = runEnd(c, '}');
                    problem(PlaceholderProblemCode.STRAY_CLOSING_BRACES, c, cEnd);
                    labelFrom = cEnd;
                    c = cEnd;
                }
                if (open < 0) {
                    return;
                }
                int openEnd = runEnd(open, '{');
                int close = line.indexOf("}}", openEnd);
                int nextOpen = line.indexOf("{{", openEnd);
                if (close < 0) {
                    int end = nextOpen < 0 ? len : nextOpen;
                    problem(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER, open, end);
                    labelFrom = end;
                    pos = openEnd;
                    continue;
                }
                int closeEnd = runEnd(close, '}');
                if (nextOpen >= 0 && nextOpen < close) {
                    // another "{{" before this one closes: nested when a second "}}" closes the outer one
                    // before any further "{{"; otherwise this one is simply unclosed.
                    int outerEnd = -1;
                    if (closeEnd - close >= 4) {
                        outerEnd = closeEnd;
                    } else {
                        int second = line.indexOf("}}", closeEnd);
                        int openBetween = line.indexOf("{{", closeEnd);
                        if (second >= 0 && (openBetween < 0 || openBetween > second)) {
                            outerEnd = runEnd(second, '}');
                        }
                    }
                    if (outerEnd >= 0) {
                        problem(PlaceholderProblemCode.NESTED_BRACES, open, outerEnd);
                        labelFrom = outerEnd;
                        pos = outerEnd;
                    } else {
                        problem(PlaceholderProblemCode.UNCLOSED_PLACEHOLDER, open, nextOpen);
                        labelFrom = nextOpen;
                        pos = nextOpen;
                    }
                    continue;
                }
                if (openEnd - open != 2 || closeEnd - close != 2) {
                    problem(PlaceholderProblemCode.NESTED_BRACES, open, closeEnd);
                } else {
                    String body = line.substring(open + 2, close);
                    PlaceholderProblemCode code = classify(body);
                    if (code != null) {
                        problem(code, open, closeEnd);
                    } else {
                        String key = body.substring(0, body.length() - DATA_SUFFIX.length());
                        field(key, label(labelFrom, open), open);
                    }
                }
                labelFrom = closeEnd;
                pos = closeEnd;
            }
        }

        /** Null when {@code body} is {@code key.DATA} with a valid key. One problem per placeholder. */
        private static PlaceholderProblemCode classify(String body) {
            if (body.indexOf('{') >= 0 || body.indexOf('}') >= 0) {
                return PlaceholderProblemCode.NESTED_BRACES;
            }
            if (body.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                return PlaceholderProblemCode.ILLEGAL_KEY;
            }
            int dot = body.lastIndexOf('.');
            if (dot < 0) {
                return body.isEmpty() ? PlaceholderProblemCode.EMPTY_KEY : PlaceholderProblemCode.MISSING_DATA_SUFFIX;
            }
            String key = body.substring(0, dot);
            String suffix = body.substring(dot + 1);
            if (!suffix.equals("DATA")) {
                return suffix.equalsIgnoreCase("DATA")
                        ? PlaceholderProblemCode.DATA_SUFFIX_CASE
                        : PlaceholderProblemCode.MISSING_DATA_SUFFIX;
            }
            if (key.isEmpty()) {
                return PlaceholderProblemCode.EMPTY_KEY;
            }
            return KEY.matcher(key).matches() ? null : PlaceholderProblemCode.ILLEGAL_KEY;
        }

        private int runEnd(int at, char brace) {
            int i = at;
            while (i < line.length() && line.charAt(i) == brace) {
                i++;
            }
            return i;
        }

        private String label(int from, int to) {
            String raw = line.substring(from, to);
            int b = 0;
            int e = raw.length();
            while (b < e && isLabelTrim(raw.charAt(b))) {
                b++;
            }
            while (e > b && isLabelTrim(raw.charAt(e - 1))) {
                e--;
            }
            return b == e ? null : raw.substring(b, e);
        }

        private static boolean isLabelTrim(char c) {
            return c == ':' || c == '：' || Character.isWhitespace(c) || Character.isSpaceChar(c);
        }

        private void field(String key, String label, int at) {
            TemplateField known = fields.get(key);
            if (known == null) {
                fields.put(key, new TemplateField(key, label, FieldType.ofKey(key), lineStart + at, lineNo, column(at), 1));
            } else {
                fields.put(key, new TemplateField(known.key(), known.label(), known.type(), known.offset(), known.line(),
                        known.column(), known.occurrences() + 1));
            }
        }

        private void problem(PlaceholderProblemCode code, int from, int to) {
            String text = line.substring(from, to);
            if (text.codePointCount(0, text.length()) > SNIPPET_MAX) {
                text = text.substring(0, text.offsetByCodePoints(0, SNIPPET_MAX)) + "…";
            }
            problems.add(new PlaceholderProblem(code, text, lineStart + from, lineNo, column(from), code.message()));
        }

        private int column(int at) {
            return line.codePointCount(0, at) + 1;
        }
    }
}

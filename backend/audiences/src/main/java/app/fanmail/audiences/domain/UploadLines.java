package app.fanmail.audiences.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an upload's records into lines to store, deciding on the way whether the file has a header: when the first
 * non-empty record's first field is not openid-shaped, that record names the columns, and the column named
 * {@code openid} (any case) holds the openids, else the first one. Without a header the first column is the openid and
 * the columns are named {@code openid, column2, column3, …} as far as the widest line goes. Checks what one line alone
 * can tell (shape, empty line, too many columns); duplicates and unknown openids need every line and the fans, so the
 * store finds them once all lines are in.
 */
public final class UploadLines {
    /** WeChat openids are 28 such characters; other lengths are accepted within these bounds. */
    public static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{20,64}");
    public static final String OPENID_COLUMN = "openid";

    /** A line to store: problem null when nothing on the line itself is wrong; cells null when the line is not kept. */
    public record Line(int lineNo, String openid, UploadProblem problem, List<String> cells) {
    }

    /** The header is unusable (more columns than allowed). */
    public static final class BadHeaderException extends IllegalArgumentException {
        public BadHeaderException(String message) {
            super(message);
        }
    }

    private final int maxColumns;
    private List<String> columns;
    private boolean header;
    private int openidColumn;

    public UploadLines(int maxColumns) {
        this.maxColumns = maxColumns;
    }

    public static boolean openidShaped(String value) {
        return value != null && OPENID.matcher(value).matches();
    }

    /** The line for this record, or null when the record is the header. */
    public Line accept(CsvRecords.Record record) {
        List<String> fields = record.fields();
        boolean empty = fields.stream().allMatch(String::isBlank);
        if (empty) {
            return new Line(record.line(), null, UploadProblem.EMPTY_LINE, null);
        }
        if (columns == null) {
            if (!openidShaped(fields.get(0).strip())) {
                header(fields);
                return null;
            }
            columns = new ArrayList<>(List.of(OPENID_COLUMN));
        }
        String openid = fields.size() > openidColumn ? fields.get(openidColumn).strip() : "";
        if (fields.size() > maxColumns || (header && fields.size() > columns.size())) {
            return new Line(record.line(), openid.isEmpty() ? null : truncate(openid), UploadProblem.TOO_MANY_COLUMNS, null);
        }
        if (!header) {
            for (int i = columns.size(); i < fields.size(); i++) {
                columns.add("column" + (i + 1));
            }
        }
        List<String> cells = new ArrayList<>(fields);
        if (openidColumn < cells.size()) {
            cells.set(openidColumn, openid);
        }
        if (!openidShaped(openid)) {
            return new Line(record.line(), openid.isEmpty() ? null : truncate(openid), UploadProblem.INVALID_OPENID, cells);
        }
        return new Line(record.line(), openid, null, cells);
    }

    private void header(List<String> fields) {
        if (fields.size() > maxColumns) {
            throw new BadHeaderException("The header names " + fields.size() + " columns; at most " + maxColumns + " are allowed.");
        }
        header = true;
        columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        openidColumn = -1;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip();
            if (name.isEmpty()) {
                name = "column" + (i + 1);
            }
            String unique = name;
            for (int n = 2; !seen.add(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = name + "_" + n;
            }
            if (openidColumn < 0 && name.equalsIgnoreCase(OPENID_COLUMN)) {
                openidColumn = i;
            }
            columns.add(unique);
        }
        if (openidColumn < 0) {
            openidColumn = 0;
        }
    }

    /** The columns as known so far (final once every record was accepted). */
    public List<String> columns() {
        return columns == null ? List.of(OPENID_COLUMN) : List.copyOf(columns);
    }

    public boolean hasHeader() {
        return header;
    }

    public int openidColumn() {
        return openidColumn;
    }

    private static String truncate(String s) {
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}

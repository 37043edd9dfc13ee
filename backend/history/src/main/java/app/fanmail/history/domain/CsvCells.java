package app.fanmail.history.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV cells and rows as spreadsheets read them (RFC 4180: comma, CRLF, quotes doubled) and safe to open: a text cell
 * that starts with {@code = + - @}, a tab or a carriage return would run as a formula in Excel or LibreOffice
 * ("CSV injection"), so it is prefixed with {@code '}. Plain numbers (errcode -1) stay numbers.
 */
public final class CsvCells {
    /** Excel opens a UTF-8 file as UTF-8 only when it starts with this byte order mark. */
    public static final String BOM = "\uFEFF";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CsvCells() {
    }

    /** One cell: null → empty; a formula-looking text defused; quoted when it holds a comma, quote or line break. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** A row of cells ending with CRLF. */
    public static String row(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(values.get(i)));
        }
        return b.append("\r\n").toString();
    }
}

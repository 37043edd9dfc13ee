package app.fanmail.audiences.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an upload record by record from a stream of characters, never holding more than one record: CSV as RFC 4180
 * writes it (comma separated; fields in double quotes may hold commas, line breaks and doubled quotes; lines end with
 * CRLF, LF or CR) or plain text (every line is one field). A UTF-8 byte order mark before the first record is skipped.
 * A file that ends with a line break has no empty record after it; every other empty line is a record with one empty
 * field, so callers can report it by its line number.
 */
public final class CsvRecords {
    /** One record: the line it starts on (1-based) and its fields. */
    public record Record(int line, List<String> fields) {
    }

    /** A record longer than the limit (usually a quote that is never closed). */
    public static final class RecordTooLongException extends IOException {
        private final int line;

        public RecordTooLongException(int line, int limit) {
            super("The record starting on line " + line + " is longer than " + limit + " characters (is a quote left open?).");
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final Reader in;
    private final boolean csv;
    private final int maxRecordChars;
    private int line = 1;
    private int pushedBack = -2;
    private boolean started;
    private boolean ended;

    /**
     * @param in             the text (buffer it: this reads one character at a time)
     * @param csv            true for CSV, false for plain text (one field per line)
     * @param maxRecordChars the longest record accepted
     */
    public CsvRecords(Reader in, boolean csv, int maxRecordChars) {
        this.in = in;
        this.csv = csv;
        this.maxRecordChars = maxRecordChars;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of the input. */
    public Record next() throws IOException {
        if (ended) {
            return null;
        }
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            ended = true;
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int chars = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (c == -1) {
                fields.add(field.toString());
                ended = true;
                return new Record(start, fields);
            }
            if (++chars > maxRecordChars) {
                throw new RecordTooLongException(start, maxRecordChars);
            }
            if (quoted) {
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && !peekLf())) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pushedBack = d;
                    }
                }
                line++;
                fields.add(field.toString());
                int d = read();
                if (d == -1) {
                    ended = true;
                } else {
                    pushedBack = d;
                }
                return new Record(start, fields);
            } else if (csv && c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (csv && c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else {
                field.append((char) c);
                fieldStart = false;
            }
            c = read();
        }
    }

    /** Inside quotes, a CR followed by LF counts as one line break (the LF counts it). */
    private boolean peekLf() throws IOException {
        int d = read();
        pushedBack = d;
        return d == '\n';
    }
}

package app.fanmail.sandbox.world;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal multipart/form-data reader: part names, file names, content types and sizes (files are not kept). */
final class Multipart {

    private static final int MAX_FIELD_BYTES = 64 * 1024;

    record Part(String name, String filename, String contentType, int size, String text) {
        boolean isFile() {
            return filename != null;
        }
    }

    private Multipart() {
    }

    static List<Part> parse(byte[] body, String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null || body == null) {
            return List.of();
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break;
            }
            int headerStart = skipLineBreak(body, after);
            int headerEnd = indexOf(body, new byte[]{'\r', '\n', '\r', '\n'}, headerStart);
            int sepLen = 4;
            if (headerEnd < 0) {
                headerEnd = indexOf(body, new byte[]{'\n', '\n'}, headerStart);
                sepLen = 2;
                if (headerEnd < 0) {
                    break;
                }
            }
            String headers = new String(body, headerStart, headerEnd - headerStart, StandardCharsets.UTF_8);
            int contentStart = headerEnd + sepLen;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                break;
            }
            int contentEnd = next;
            if (contentEnd >= 2 && body[contentEnd - 2] == '\r' && body[contentEnd - 1] == '\n') {
                contentEnd -= 2;
            } else if (contentEnd >= 1 && body[contentEnd - 1] == '\n') {
                contentEnd -= 1;
            }
            String name = null;
            String filename = null;
            String type = null;
            for (String line : headers.split("\r?\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    name = param(line, "name");
                    filename = param(line, "filename");
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            int size = Math.max(0, contentEnd - contentStart);
            String text = filename == null && size <= MAX_FIELD_BYTES
                    ? new String(body, contentStart, size, StandardCharsets.UTF_8) : null;
            parts.add(new Part(name, filename, type, size, text));
            pos = next;
        }
        return parts;
    }

    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        for (String piece : contentType.split(";")) {
            String p = piece.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b;
            }
        }
        return null;
    }

    private static String param(String header, String key) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static int skipLineBreak(byte[] b, int at) {
        if (at < b.length && b[at] == '\r') {
            at++;
        }
        if (at < b.length && b[at] == '\n') {
            at++;
        }
        return at;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

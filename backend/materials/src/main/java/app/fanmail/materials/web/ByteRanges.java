package app.fanmail.materials.web;

/** One HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) over a file of known length; several ranges are served whole. */
final class ByteRanges {
    private ByteRanges() {
    }

    /** {first, last} inclusive, or null when there is no single satisfiable range (the caller then tells 416 from "serve whole"). */
    static long[] parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",") || length == 0) {
            return null;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return null;
                }
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
            }
            return first < 0 || first > last || first >= length ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

package app.fanmail.materials.domain;

import java.nio.charset.StandardCharsets;

/** AMR (narrow and wide band) storage format: a magic line, then 20 ms frames whose first byte gives their size. */
final class AmrFrames {
    private static final byte[] NB = "#!AMR\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WB = "#!AMR-WB\n".getBytes(StandardCharsets.US_ASCII);
    /** Frame payload sizes per frame type (without the header byte); -1 for reserved types. */
    private static final int[] NB_SIZES = {12, 13, 15, 17, 19, 20, 26, 31, 5, -1, -1, -1, -1, -1, -1, 0};
    private static final int[] WB_SIZES = {17, 23, 32, 36, 40, 46, 50, 58, 60, 5, -1, -1, -1, -1, 0, 0};

    private AmrFrames() {
    }

    /** The duration in milliseconds; -1 when the file is not AMR or a frame is broken. */
    static long durationMillis(byte[] b) {
        int[] sizes;
        int at;
        if (startsWith(b, WB)) {
            sizes = WB_SIZES;
            at = WB.length;
        } else if (startsWith(b, NB)) {
            sizes = NB_SIZES;
            at = NB.length;
        } else {
            return -1;
        }
        long frames = 0;
        while (at < b.length) {
            int type = (b[at] >> 3) & 0x0F;
            int size = sizes[type];
            if (size < 0 || at + 1 + size > b.length) {
                return -1;
            }
            at += 1 + size;
            frames++;
        }
        return frames * 20;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

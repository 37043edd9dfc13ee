package app.fanmail.materials.domain;

/** MPEG audio frames (layers I–III, MPEG 1, 2 and 2.5): enough to count a file's duration from its frame headers. */
final class Mp3Frames {
    private static final int[][] BITRATES = {
            // MPEG 1: layer I, II, III; MPEG 2/2.5: layer I, II and III (kbit/s, index 1–14)
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160}};
    private static final int[][] SAMPLE_RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    /** One frame's length in bytes, its samples and sample rate. */
    record Header(int length, int samples, int sampleRate) {
    }

    private Mp3Frames() {
    }

    /** The frame header at {@code at}, or null when there is none. */
    static Header header(byte[] b, int at) {
        if (at + 4 > b.length || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xE0) != 0xE0) {
            return null;
        }
        int version = (b[at + 1] >> 3) & 3; // 0: 2.5, 1: reserved, 2: 2, 3: 1
        int layer = (b[at + 1] >> 1) & 3; // 1: III, 2: II, 3: I
        int bitrateIndex = (b[at + 2] >> 4) & 0x0F;
        int rateIndex = (b[at + 2] >> 2) & 3;
        int padding = (b[at + 2] >> 1) & 1;
        if (version == 1 || layer == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        boolean mpeg1 = version == 3;
        int table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
        int bitrate = BITRATES[table][bitrateIndex] * 1000;
        int rate = SAMPLE_RATES[version][rateIndex];
        int samples;
        int length;
        if (layer == 3) { // layer I
            samples = 384;
            length = (12 * bitrate / rate + padding) * 4;
        } else if (layer == 2 || mpeg1) { // layer II, or layer III of MPEG 1
            samples = 1152;
            length = 144 * bitrate / rate + padding;
        } else { // layer III of MPEG 2 and 2.5
            samples = 576;
            length = 72 * bitrate / rate + padding;
        }
        return length < 4 ? null : new Header(length, samples, rate);
    }

    /** The duration in milliseconds, counting every frame after an ID3v2 tag; -1 when the file holds no frame. */
    static long durationMillis(byte[] b) {
        int at = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            at = 10 + ((b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F));
            if ((b[5] & 0x10) != 0) {
                at += 10; // footer
            }
        }
        // tolerate a little junk before the first frame
        int limit = Math.min(b.length, at + 4096);
        while (at < limit && header(b, at) == null) {
            at++;
        }
        double seconds = 0;
        int frames = 0;
        Header h;
        while ((h = header(b, at)) != null) {
            seconds += (double) h.samples() / h.sampleRate();
            frames++;
            at += h.length();
        }
        return frames == 0 ? -1 : Math.round(seconds * 1000);
    }
}

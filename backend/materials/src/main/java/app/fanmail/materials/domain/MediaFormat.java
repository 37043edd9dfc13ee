package app.fanmail.materials.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The file formats Fanmail recognises from a file's first bytes, never from its name or declared type. */
public enum MediaFormat {
    JPEG("jpg", "image/jpeg"),
    PNG("png", "image/png"),
    GIF("gif", "image/gif"),
    BMP("bmp", "image/bmp"),
    MP3("mp3", "audio/mpeg"),
    AMR("amr", "audio/amr"),
    MP4("mp4", "video/mp4");

    private final String extension;
    private final String contentType;

    MediaFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The file extension WeChat expects for the format (it judges uploads by the file name). */
    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format the bytes are in, if one of the above. */
    public static Optional<MediaFormat> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return Optional.of(PNG);
        }
        if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            return Optional.of(BMP);
        }
        if (startsWith(b, ascii("#!AMR"))) {
            return Optional.of(AMR);
        }
        if (b.length >= 12 && Arrays.equals(Arrays.copyOfRange(b, 4, 8), ascii("ftyp"))) {
            return Optional.of(MP4);
        }
        if (startsWith(b, ascii("ID3")) || (b.length >= 4 && Mp3Frames.header(b, 0) != null)) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(Arrays.copyOf(b, prefix.length), prefix);
    }
}

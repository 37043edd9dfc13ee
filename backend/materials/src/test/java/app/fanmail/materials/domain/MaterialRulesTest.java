package app.fanmail.materials.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import app.fanmail.materials.api.MaterialKind;
import org.junit.jupiter.api.Test;

class MaterialRulesTest {
    /** AMR narrow band: the magic line, then {@code frames} 20 ms frames of mode 7 (32 bytes each). */
    static byte[] amr(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AMR\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < frames; i++) {
            out.write(0x3C);
            out.writeBytes(new byte[31]);
        }
        return out.toByteArray();
    }

    /** MPEG 1 layer III, 128 kbit/s, 44.1 kHz: 417-byte frames of 1152 samples (26.1 ms), after an ID3v2 tag. */
    static byte[] mp3(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 10});
        out.writeBytes(new byte[10]);
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[417];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x64;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(int size) {
        byte[] b = new byte[size];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        return b;
    }

    @Test
    void voiceDurationIsCountedFromTheFrames() {
        assertThat(MaterialRules.inspect(MaterialKind.VOICE, amr(500)).durationMillis()).isEqualTo(10_000);
        assertThat(MaterialRules.inspect(MaterialKind.VOICE, amr(3000)).durationMillis()).isEqualTo(60_000);
        // 1000 frames of 1152 samples at 44.1 kHz = 26.12 s
        assertThat(MaterialRules.inspect(MaterialKind.VOICE, mp3(1000)).durationMillis()).isEqualTo(26_122);
        assertThat(MaterialRules.inspect(MaterialKind.VOICE, mp3(1000)).format()).isEqualTo(MediaFormat.MP3);
    }

    @Test
    void voiceOverSixtySecondsIsRefused() {
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.VOICE, amr(3001)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("VOICE_TOO_LONG");
                    assertThat(e.getMessage()).contains("60.0");
                });
        // 2,300 mp3 frames = 60.08 s, under 2 MB
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.VOICE, mp3(2300)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("VOICE_TOO_LONG"));
    }

    @Test
    void aBrokenAmrIsRefused() {
        byte[] cut = Arrays.copyOf(amr(10), amr(10).length - 5);
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.VOICE, cut))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("FILE_BROKEN"));
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() {
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.IMAGE, "just text, named photo.png".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("FORMAT_NOT_ALLOWED");
                    assertThat(e.getMessage()).contains("jpg, png, gif, bmp").contains("none of these");
                });
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.VOICE, jpeg(100)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.getMessage()).contains("this file is jpg"));
        assertThat(MaterialRules.inspect(MaterialKind.THUMB, jpeg(1000)).format()).isEqualTo(MediaFormat.JPEG);
        byte[] mp4 = new byte[64];
        System.arraycopy("ftypisom".getBytes(StandardCharsets.US_ASCII), 0, mp4, 4, 8);
        assertThat(MaterialRules.inspect(MaterialKind.VIDEO, mp4).format()).isEqualTo(MediaFormat.MP4);
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.THUMB, mp4))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("FORMAT_NOT_ALLOWED"));
    }

    @Test
    void sizesAreWeChatsPerKind() {
        assertThat(MaterialRules.inspect(MaterialKind.THUMB, jpeg(64 * 1024)).size()).isEqualTo(64 * 1024);
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.THUMB, jpeg(64 * 1024 + 1)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("FILE_TOO_LARGE");
                    assertThat(e.getMessage()).contains("64.0 KB");
                });
        assertThat(MaterialRules.inspect(MaterialKind.IMAGE, jpeg(10 << 20)).size()).isEqualTo(10 << 20);
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.IMAGE, jpeg((10 << 20) + 1)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("FILE_TOO_LARGE"));
        assertThatThrownBy(() -> MaterialRules.inspect(MaterialKind.VOICE, new byte[0]))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("FILE_EMPTY"));
    }

    @Test
    void libraryCapsAreFiveThousandImagesAndAThousandOfTheRest() {
        MaterialRules.requireRoom(MaterialKind.IMAGE, 4_999);
        assertThatThrownBy(() -> MaterialRules.requireRoom(MaterialKind.IMAGE, 5_000))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("LIBRARY_FULL"));
        MaterialRules.requireRoom(MaterialKind.VIDEO, 999);
        assertThatThrownBy(() -> MaterialRules.requireRoom(MaterialKind.VOICE, 1_000)).isInstanceOf(MaterialRejected.class);
        assertThatThrownBy(() -> MaterialRules.requireRoom(MaterialKind.THUMB, 1_000)).isInstanceOf(MaterialRejected.class);
    }

    @Test
    void namesAndVideoTexts() {
        assertThat(MaterialRules.name("  封面  ")).isEqualTo("封面");
        assertThatThrownBy(() -> MaterialRules.name(" ")).isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("NAME_REQUIRED"));
        assertThatThrownBy(() -> MaterialRules.name("名".repeat(65)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("NAME_TOO_LONG"));
        MaterialRules.requireVideoText("发布会", null);
        assertThatThrownBy(() -> MaterialRules.requireVideoText("", "x"))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("VIDEO_TITLE_REQUIRED"));
        assertThatThrownBy(() -> MaterialRules.requireVideoText("t".repeat(31), "x"))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> assertThat(e.code()).isEqualTo("VIDEO_TITLE_TOO_LONG"));
    }
}

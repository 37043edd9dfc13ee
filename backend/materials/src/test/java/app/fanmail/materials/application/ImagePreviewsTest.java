package app.fanmail.materials.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import app.fanmail.materials.domain.MaterialRejected;
import org.junit.jupiter.api.Test;

class ImagePreviewsTest {
    static byte[] image(String format, int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    /** A PNG whose header claims w × h pixels (no image data follows: readers learn the size from the header alone). */
    static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13)
                .put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void previewsAreSmallJpegsAndKeepTheOriginalSize() throws Exception {
        ImagePreviews.Preview p = ImagePreviews.of(image("png", 2000, 1000)).orElseThrow();
        assertThat(p.width()).isEqualTo(2000);
        assertThat(p.height()).isEqualTo(1000);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(p.jpeg()));
        assertThat(small.getWidth()).isEqualTo(360);
        assertThat(small.getHeight()).isEqualTo(180);
        assertThat(ImagePreviews.of(image("gif", 20, 10)).orElseThrow().width()).isEqualTo(20);
        assertThat(ImagePreviews.of(image("bmp", 30, 30))).isPresent();
    }

    @Test
    void aPixelBombIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> ImagePreviews.of(pngHeader(20_000, 20_000)))
                .isInstanceOfSatisfying(MaterialRejected.class, e -> {
                    assertThat(e.code()).isEqualTo("IMAGE_TOO_MANY_PIXELS");
                    assertThat(e.getMessage()).contains("20000 × 20000");
                });
    }

    @Test
    void notAnImageGivesNoPreview() {
        assertThat(ImagePreviews.of("plain text".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}

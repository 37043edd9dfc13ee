package app.fanmail.app.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Small real files of each material kind for the tests. */
final class MaterialFiles {
    private MaterialFiles() {
    }

    /** A w×h image with a diagonal gradient, in {@code format} (png, jpg, bmp, gif). */
    static byte[] image(String format, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < h; y += 8) {
            g.setColor(new Color((y * 255 / h), 120, 255 - (y * 255 / h)));
            g.fillRect(0, y, w, 8);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** AMR narrow band of {@code millis} (20 ms frames of mode 7). */
    static byte[] amr(int millis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!AMR\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < millis / 20; i++) {
            out.write(0x3C);
            out.writeBytes(new byte[31]);
        }
        return out.toByteArray();
    }

    /** Bytes that start like an MP4 (an ftyp box) followed by padding. */
    static byte[] mp4(int size) {
        byte[] b = new byte[size];
        byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }
}

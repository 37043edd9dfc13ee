package app.fanmail.materials.application;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.imageio.ImageIO;

/** Small JPEG previews of images (the first frame of a GIF), and conversion of images WeChat's temporary media refuse (BMP) to PNG. */
public final class ImagePreviews {
    /** The longest side of a preview, in pixels. */
    public static final int SIZE = 360;

    /** An image's size and its preview. */
    public record Preview(int width, int height, byte[] jpeg) {
    }

    private ImagePreviews() {
    }

    /** The preview, or empty when the bytes cannot be decoded as an image. */
    public static Optional<Preview> of(byte[] image) {
        BufferedImage source = decode(image);
        if (source == null) {
            return Optional.empty();
        }
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) SIZE / Math.max(w, h));
        int pw = Math.max(1, (int) Math.round(w * scale));
        int ph = Math.max(1, (int) Math.round(h * scale));
        BufferedImage preview = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = preview.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE); // transparent pixels on white, as WeChat shows them
            g.fillRect(0, 0, pw, ph);
            g.drawImage(source, 0, 0, pw, ph, null);
        } finally {
            g.dispose();
        }
        return Optional.of(new Preview(w, h, encode(preview, "jpg")));
    }

    /** The image as PNG; empty when it cannot be decoded. */
    public static Optional<byte[]> png(byte[] image) {
        BufferedImage source = decode(image);
        return source == null ? Optional.empty() : Optional.of(encode(source, "png"));
    }

    private static BufferedImage decode(byte[] image) {
        try {
            return ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package app.fanmail.materials.application;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import app.fanmail.materials.domain.MaterialRejected;

/** Small JPEG previews of images (the first frame of a GIF), and conversion of images WeChat's temporary media refuse (BMP) to PNG. */
public final class ImagePreviews {
    /** The longest side of a preview, in pixels. */
    public static final int SIZE = 360;

    /** An image's size and its preview. */
    public record Preview(int width, int height, byte[] jpeg) {
    }

    private ImagePreviews() {
    }

    /** Images with more pixels are refused: a small compressed file can decode into gigabytes (a pixel bomb). */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * The preview, or empty when the bytes cannot be decoded as an image. The image is decoded subsampled (at most about
     * twice the preview's size), never at full size, so its memory stays small whatever its dimensions.
     *
     * @throws MaterialRejected IMAGE_TOO_MANY_PIXELS beyond {@link #MAX_PIXELS}
     */
    public static Optional<Preview> of(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    return Optional.empty();
                }
                if ((long) w * h > MAX_PIXELS) {
                    throw new MaterialRejected("IMAGE_TOO_MANY_PIXELS", "file", "The image has " + w + " × " + h + " pixels; Fanmail takes at most "
                            + MAX_PIXELS / 1_000_000 + " million.");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(w, h) / (2 * SIZE));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage source = reader.read(0, param);
                return source == null ? Optional.empty() : Optional.of(new Preview(w, h, encode(scaled(source), "jpg")));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MaterialRejected rejected) {
                throw rejected;
            }
            return Optional.empty();
        }
    }

    private static BufferedImage scaled(BufferedImage source) {
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
        return preview;
    }

    /** The image as PNG; empty when it cannot be decoded. Only for BMP (uncompressed: its pixels are bounded by its size). */
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

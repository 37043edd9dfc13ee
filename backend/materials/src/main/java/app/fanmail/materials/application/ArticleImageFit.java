package app.fanmail.materials.application;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import app.fanmail.materials.domain.MaterialRejected;
import app.fanmail.materials.domain.MediaFormat;

/**
 * Makes an image fit WeChat's uploadimg: jpg or png (read from the bytes) of at most 1 MB goes as it is; a larger one
 * up to {@link #MAX_INPUT} is re-encoded as JPEG, at lower quality and then smaller, until it fits.
 */
public final class ArticleImageFit {
    /** WeChat's limit for article images. */
    public static final int WECHAT_MAX = 1 << 20;
    /** The largest image Fanmail takes to fit. */
    public static final int MAX_INPUT = 10 << 20;
    /** Images with more pixels are refused before decoding (a small file can claim a huge canvas). */
    static final long MAX_PIXELS = 40_000_000L;

    /** What goes to WeChat. */
    public record Fitted(MediaFormat format, byte[] bytes) {
    }

    private ArticleImageFit() {
    }

    /** @throws MaterialRejected FILE_EMPTY, FORMAT_NOT_ALLOWED, FILE_TOO_LARGE, FILE_BROKEN */
    public static Fitted fit(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MaterialRejected("FILE_EMPTY", "file", "The image is empty.");
        }
        MediaFormat format = MediaFormat.sniff(bytes).filter(f -> f == MediaFormat.JPEG || f == MediaFormat.PNG)
                .orElseThrow(() -> new MaterialRejected("FORMAT_NOT_ALLOWED", "file", "WeChat takes jpg and png images inside articles."));
        if (bytes.length > MAX_INPUT) {
            throw new MaterialRejected("FILE_TOO_LARGE", "file", "Images inside articles may be at most " + MAX_INPUT + " bytes.");
        }
        if (bytes.length <= WECHAT_MAX) {
            return new Fitted(format, bytes);
        }
        BufferedImage image = decode(bytes);
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage rgb = flatten(image, w, h);
        float[] qualities = {0.9f, 0.8f, 0.7f};
        for (float q : qualities) {
            byte[] jpeg = jpeg(rgb, q);
            if (jpeg.length <= WECHAT_MAX) {
                return new Fitted(MediaFormat.JPEG, jpeg);
            }
        }
        double scale = 1.0;
        for (int i = 0; i < 12; i++) {
            scale *= 0.8;
            int sw = Math.max(1, (int) Math.round(w * scale));
            int sh = Math.max(1, (int) Math.round(h * scale));
            byte[] jpeg = jpeg(flatten(rgb, sw, sh), 0.8f);
            if (jpeg.length <= WECHAT_MAX) {
                return new Fitted(MediaFormat.JPEG, jpeg);
            }
        }
        throw new MaterialRejected("FILE_TOO_LARGE", "file", "The image cannot be made to fit WeChat's 1 MB.");
    }

    private static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw broken();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new MaterialRejected("FILE_TOO_LARGE", "file", "The image has more than " + MAX_PIXELS + " pixels.");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw broken();
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MaterialRejected m) {
                throw m;
            }
            throw broken();
        }
    }

    private static MaterialRejected broken() {
        return new MaterialRejected("FILE_BROKEN", "file", "The image cannot be decoded.");
    }

    /** Drawn on white (transparent pixels as WeChat shows them), as RGB, at the given size. */
    private static BufferedImage flatten(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

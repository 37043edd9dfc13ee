package app.fanmail.materials.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;

import javax.imageio.ImageIO;

import app.fanmail.materials.domain.MaterialRejected;
import app.fanmail.materials.domain.MediaFormat;
import org.junit.jupiter.api.Test;

class ArticleImageFitTest {
    static byte[] png(int w, int h, boolean noise) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Random r = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, noise ? r.nextInt() | 0xFF000000 : 0xFF3366CC);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void smallJpgAndPngGoAsTheyAre() throws Exception {
        byte[] png = png(20, 10, false);
        ArticleImageFit.Fitted f = ArticleImageFit.fit(png);
        assertThat(f.format()).isEqualTo(MediaFormat.PNG);
        assertThat(f.bytes()).isSameAs(png);
    }

    @Test
    void aLargePngIsReencodedAsJpegUnderOneMegabyte() throws Exception {
        byte[] png = png(900, 900, true);
        assertThat(png.length).isGreaterThan(ArticleImageFit.WECHAT_MAX);
        ArticleImageFit.Fitted f = ArticleImageFit.fit(png);
        assertThat(f.format()).isEqualTo(MediaFormat.JPEG);
        assertThat(f.bytes().length).isLessThanOrEqualTo(ArticleImageFit.WECHAT_MAX);
        assertThat(ImageIO.read(new ByteArrayInputStream(f.bytes()))).isNotNull();
    }

    @Test
    void otherFormatsAndBrokenFilesAreRefused() {
        assertThatThrownBy(() -> ArticleImageFit.fit("GIF89a......".getBytes())).isInstanceOf(MaterialRejected.class)
                .satisfies(e -> assertThat(((MaterialRejected) e).code()).isEqualTo("FORMAT_NOT_ALLOWED"));
        assertThatThrownBy(() -> ArticleImageFit.fit(new byte[0])).isInstanceOf(MaterialRejected.class)
                .satisfies(e -> assertThat(((MaterialRejected) e).code()).isEqualTo("FILE_EMPTY"));
        byte[] fakeJpeg = new byte[ArticleImageFit.WECHAT_MAX + 10];
        fakeJpeg[0] = (byte) 0xFF;
        fakeJpeg[1] = (byte) 0xD8;
        fakeJpeg[2] = (byte) 0xFF;
        assertThatThrownBy(() -> ArticleImageFit.fit(fakeJpeg)).isInstanceOf(MaterialRejected.class)
                .satisfies(e -> assertThat(((MaterialRejected) e).code()).isEqualTo("FILE_BROKEN"));
        assertThatThrownBy(() -> ArticleImageFit.fit(new byte[ArticleImageFit.MAX_INPUT + 1])).isInstanceOf(MaterialRejected.class);
    }
}

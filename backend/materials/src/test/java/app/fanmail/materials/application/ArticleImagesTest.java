package app.fanmail.materials.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.application.ArticleImageRepository.ArticleImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeChat form and the display form of article HTML, with in-memory rows, a fake uploadimg and a fake fetcher. */
class ArticleImagesTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private final Map<UUID, ArticleImage> rows = new HashMap<>();
    private final Map<UUID, String> materialUrls = new HashMap<>();
    private final List<String> uploads = new ArrayList<>();
    private final List<String> fetched = new ArrayList<>();
    private ArticleImages images;
    private byte[] png;

    @BeforeEach
    void setUp() throws Exception {
        png = ArticleImageFitTest.png(4, 4, false);
        images = new ArticleImages();
        images.clock = Clock.systemUTC();
        images.publicUrl = "https://fanmail.example/";
        images.store = new Rows();
        images.accounts = (AccountDirectory) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AccountDirectory.class},
                (p, m, a) -> m.getName().equals("find") ? Optional.of(new Object()) : null);
        images.gateway = (MaterialGateway) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MaterialGateway.class}, (p, m, a) -> {
            if (!m.getName().equals("uploadArticleImage")) {
                throw new UnsupportedOperationException(m.getName());
            }
            String url = "http://mmbiz.qpic.cn/mmbiz_jpg/up" + uploads.size() + "/0?wx_fmt=png";
            uploads.add(url);
            return url;
        });
        images.fetcher = (url, max) -> {
            fetched.add(url);
            if (url.contains("internal")) {
                throw new ArticleImageFetcher.Unavailable("IMAGE_ADDRESS_REFUSED", "no");
            }
            return png;
        };
    }

    @Test
    void everyImageBecomesAWeChatUrlOrGoes() {
        ArticleImage own = images.upload(ACCOUNT, png, null);
        UUID material = UUID.randomUUID();
        materialUrls.put(material, "http://mmbiz.qpic.cn/mmbiz_png/lib/0");
        ArticleImage foreign = images.upload(OTHER, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1}, null);
        assertThat(uploads).hasSize(2);

        String html = "<p>a</p><img src=\"/api/materials/article-images/" + own.id() + "\">"
                + "<img src=\"/api/materials/" + material + "/file\">"
                + "<img src=\"https://mmbiz.qpic.cn/mmbiz_jpg/known/0\">"
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">"
                + "<img src=\"https://cdn.example/pic.png\">"
                + "<img src=\"/api/materials/article-images/" + foreign.id() + "\">"
                + "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\"><img src=\"ftp://x/y.png\"><img src=\"relative.png\">";
        String out = images.toWeChat(ACCOUNT, html, "articles.0.content");

        // the pasted image has the same bytes as the first upload: deduplicated; the fetched one too
        assertThat(uploads).hasSize(2);
        assertThat(fetched).containsExactly("https://cdn.example/pic.png");
        assertThat(out).isEqualTo("<p>a</p><img src=\"" + own.wechatUrl() + "\"><img src=\"http://mmbiz.qpic.cn/mmbiz_png/lib/0\">"
                + "<img src=\"https://mmbiz.qpic.cn/mmbiz_jpg/known/0\"><img src=\"" + own.wechatUrl() + "\"><img src=\"" + own.wechatUrl() + "\">");

        List<String> display = images.toDisplay(ACCOUNT, List.of(out, "<img src=\"https://elsewhere.example/x.png\"><img src=\"/x.png\">"));
        assertThat(display.get(0)).isEqualTo("<p>a</p><img src=\"/api/materials/article-images/" + own.id() + "\"><img src=\"/api/materials/"
                + material + "/file\"><img src=\"https://mmbiz.qpic.cn/mmbiz_jpg/known/0\"><img src=\"/api/materials/article-images/" + own.id()
                + "\"><img src=\"/api/materials/article-images/" + own.id() + "\">");
        assertThat(display.get(1)).isEqualTo("<img src=\"https://elsewhere.example/x.png\">");
        // the display form goes back to the same WeChat form
        assertThat(images.toWeChat(ACCOUNT, display.get(0), "f")).isEqualTo(out);
    }

    @Test
    void fanmailsOwnAbsoluteUrlsAreItsPaths() {
        ArticleImage own = images.upload(ACCOUNT, png, null);
        assertThat(images.toWeChat(ACCOUNT, "<img src=\"https://FANMAIL.example/api/materials/article-images/" + own.id() + "\">", "c"))
                .isEqualTo("<img src=\"" + own.wechatUrl() + "\">");
        assertThat(fetched).isEmpty();
    }

    @Test
    void anImageThatCannotBeHadIsAUserErrorOnTheContent() {
        assertThatThrownBy(() -> images.toWeChat(ACCOUNT, "<img src=\"http://internal.example/a.png\">", "articles.2.content"))
                .isInstanceOf(UserErrorsException.class).satisfies(e -> {
                    var first = ((UserErrorsException) e).errors().get(0);
                    assertThat(first.code()).isEqualTo("IMAGE_ADDRESS_REFUSED");
                    assertThat(first.field()).isEqualTo("articles.2.content");
                });
        assertThatThrownBy(() -> images.toWeChat(ACCOUNT, "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString("GIF89a..".getBytes())
                + "\">", "c")).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("IMAGE_FORMAT_NOT_ALLOWED"));
        assertThat(uploads).isEmpty();
    }

    private final class Rows implements ArticleImageRepository {
        @Override
        public Optional<ArticleImage> find(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public Optional<ArticleImage> findBySha256(UUID accountId, String sha256) {
            return rows.values().stream().filter(r -> r.accountId().equals(accountId) && r.sha256().equals(sha256)).findFirst();
        }

        @Override
        public ArticleImage insertOrExisting(ArticleImage image) {
            return findBySha256(image.accountId(), image.sha256()).orElseGet(() -> {
                rows.put(image.id(), image);
                return image;
            });
        }

        @Override
        public Map<String, UUID> idsByWeChatUrl(UUID accountId, Collection<String> urls) {
            Map<String, UUID> out = new HashMap<>();
            rows.values().stream().filter(r -> r.accountId().equals(accountId) && urls.contains(r.wechatUrl())).forEach(r -> out.put(r.wechatUrl(), r.id()));
            return out;
        }

        @Override
        public Map<String, UUID> materialsByWeChatUrl(UUID accountId, Collection<String> urls) {
            Map<String, UUID> out = new HashMap<>();
            materialUrls.forEach((id, url) -> {
                if (urls.contains(url)) {
                    out.put(url, id);
                }
            });
            return out;
        }

        @Override
        public Optional<String> materialWeChatUrl(UUID accountId, UUID materialId) {
            return Optional.ofNullable(materialUrls.get(materialId));
        }
    }

    @Test
    void anArticleBringsAtMostTwentyNewImagesPerSave() {
        StringBuilder html = new StringBuilder("<p>x</p>");
        for (int n = 0; n < ArticleImages.MAX_NEW_IMAGES + 1; n++) {
            html.append("<img src=\"https://cdn.example/").append(n).append(".png\">");
        }
        assertThatThrownBy(() -> images.toWeChat(ACCOUNT, html.toString(), "articles.0.content"))
                .isInstanceOfSatisfying(app.fanmail.kernel.graphql.UserErrorsException.class, e -> {
                    assertThat(e.errors().get(0).code()).isEqualTo("IMAGES_TOO_MANY");
                    assertThat(e.errors().get(0).field()).isEqualTo("articles.0.content");
                });
        assertThat(fetched).as("nothing fetched").isEmpty();
        assertThat(uploads).isEmpty();
        // WeChat's own images do not count
        StringBuilder hosted = new StringBuilder("<p>x</p>");
        for (int n = 0; n < 30; n++) {
            hosted.append("<img src=\"https://mmbiz.qpic.cn/mmbiz_jpg/k").append(n).append("/0\">");
        }
        assertThat(images.toWeChat(ACCOUNT, hosted.toString(), "articles.0.content")).contains("k29");
    }
}

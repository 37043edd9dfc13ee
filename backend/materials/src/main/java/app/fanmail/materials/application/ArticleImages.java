package app.fanmail.materials.application;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.materials.application.ArticleImageRepository.ArticleImage;
import app.fanmail.materials.domain.ArticleHtml;
import app.fanmail.materials.domain.MaterialRejected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Images inside articles. Uploads (media/uploadimg, jpg/png of at most 1 MB; larger ones re-encoded to fit) deduplicated
 * per account by the bytes' SHA-256, each stored with Fanmail's copy. And the two forms of article HTML: the WeChat
 * form (stored and sent: every image a WeChat URL) and the display form (for the editor: images Fanmail holds point
 * at its copies, {@code /api/materials/article-images/{id}} and {@code /api/materials/{id}/file}).
 */
@ApplicationScoped
public class ArticleImages {
    public static final String PATH = "/api/materials/article-images/";
    private static final Pattern OWN_IMAGE = Pattern.compile("^/api/materials/article-images/([0-9a-fA-F-]{36})$");
    private static final Pattern OWN_MATERIAL = Pattern.compile("^/api/materials/([0-9a-fA-F-]{36})/(?:file|preview)$");
    private static final Pattern DATA_IMAGE = Pattern.compile("^data:image/(png|jpeg|jpg);base64,(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Inject
    ArticleImageRepository store;
    @Inject
    MaterialGateway gateway;
    @Inject
    ArticleImageFetcher fetcher;
    @Inject
    AccountDirectory accounts;
    @Inject
    Clock clock;
    /** Fanmail's own address: an editor may turn its image paths into absolute URLs with it. */
    @Inject
    @ConfigProperty(name = "fanmail.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /**
     * Uploads an image for article content unless the account has the same bytes already (then that row, no upload).
     *
     * @throws UserErrorsException NOT_FOUND (account); FILE_EMPTY, FORMAT_NOT_ALLOWED, FILE_TOO_LARGE, FILE_BROKEN; WECHAT_*
     */
    public ArticleImage upload(UUID accountId, byte[] bytes, String sourceUrl) {
        if (accountId == null || accounts.find(accountId).isEmpty()) {
            throw new UserErrorsException("NOT_FOUND", "accountId", "No such account.");
        }
        String sha = Digests.sha256(bytes == null ? new byte[0] : bytes);
        Optional<ArticleImage> existing = store.findBySha256(accountId, sha);
        if (existing.isPresent()) {
            return existing.get();
        }
        ArticleImageFit.Fitted fitted;
        try {
            fitted = ArticleImageFit.fit(bytes);
        } catch (MaterialRejected e) {
            throw new UserErrorsException(e.code(), e.field(), e.getMessage());
        }
        String url = MaterialLibrary.wechat(() -> gateway.uploadArticleImage(accountId, "image." + fitted.format().extension(),
                fitted.format().contentType(), fitted.bytes()));
        return store.insertOrExisting(new ArticleImage(UUID.randomUUID(), accountId, url, sourceUrl, fitted.format().contentType(), sha,
                fitted.bytes(), clock.instant()));
    }

    public Optional<ArticleImage> find(UUID id) {
        return store.find(id);
    }

    /**
     * The WeChat form of an article's HTML: sanitised, and every image a WeChat URL. Fanmail's own image paths become
     * their WeChat URLs; WeChat's URLs stay; pasted {@code data:} images and images on other sites are uploaded; any
     * other image is removed.
     *
     * @throws UserErrorsException IMAGE_* / FILE_* / WECHAT_* on {@code field} when an image could not be uploaded
     */
    /** New images (pasted or from other sites) one article may bring per save. */
    static final int MAX_NEW_IMAGES = 20;

    public String toWeChat(UUID accountId, String html, String field) {
        Map<String, String> done = new HashMap<>();
        Set<String> knownUrls = new LinkedHashSet<>(ArticleHtml.imageSources(html));
        Map<String, UUID> known = new HashMap<>(store.idsByWeChatUrl(accountId, knownUrls));
        known.putAll(store.materialsByWeChatUrl(accountId, knownUrls));
        // each new image costs a fetch (up to 10 s) and an upload to WeChat: bound them per article
        long fresh = knownUrls.stream().map(this::ownPath).filter(src -> !OWN_IMAGE.matcher(src).matches() && !OWN_MATERIAL.matcher(src).matches()
                && !known.containsKey(src) && !isWeChatImage(src) && (DATA_IMAGE.matcher(src).matches()
                        || src.regionMatches(true, 0, "http://", 0, 7) || src.regionMatches(true, 0, "https://", 0, 8))).count();
        if (fresh > MAX_NEW_IMAGES) {
            throw new UserErrorsException("IMAGES_TOO_MANY", field, "An article may bring at most " + MAX_NEW_IMAGES
                    + " images from elsewhere at a time; this one has " + fresh + ". Upload them with the image button, or save in steps.");
        }
        return ArticleHtml.sanitize(html, src -> Optional.ofNullable(done.computeIfAbsent(src, s -> resolve(accountId, s, known, field))));
    }

    private String resolve(UUID accountId, String original, Map<String, UUID> known, String field) {
        String src = ownPath(original);
        Matcher own = OWN_IMAGE.matcher(src);
        if (own.matches()) {
            return store.find(UUID.fromString(own.group(1))).filter(i -> i.accountId().equals(accountId)).map(ArticleImage::wechatUrl).orElse(null);
        }
        Matcher material = OWN_MATERIAL.matcher(src);
        if (material.matches()) {
            return store.materialWeChatUrl(accountId, UUID.fromString(material.group(1))).orElse(null);
        }
        if (known.containsKey(src) || isWeChatImage(src)) {
            return src;
        }
        Matcher data = DATA_IMAGE.matcher(src);
        if (data.matches()) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(data.group(2).strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
            return upload(accountId, bytes, null, field).wechatUrl();
        }
        String lower = src.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            byte[] bytes;
            try {
                bytes = fetcher.fetch(src, ArticleImageFit.MAX_INPUT);
            } catch (ArticleImageFetcher.Unavailable e) {
                throw new UserErrorsException(e.code(), field, e.getMessage());
            }
            return upload(accountId, bytes, src, field).wechatUrl();
        }
        return null;
    }

    private ArticleImage upload(UUID accountId, byte[] bytes, String sourceUrl, String field) {
        try {
            return upload(accountId, bytes, sourceUrl);
        } catch (UserErrorsException e) {
            var first = e.errors().get(0);
            String code = first.code().startsWith("FILE_") || first.code().equals("FORMAT_NOT_ALLOWED") ? "IMAGE_" + first.code() : first.code();
            throw new UserErrorsException(code, field, "An image in the content: " + first.message());
        }
    }

    /** An absolute URL of Fanmail's own (under {@code fanmail.public-url}) as its path; any other source as it is. */
    String ownPath(String src) {
        String prefix = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        if (!prefix.isEmpty() && src.regionMatches(true, 0, prefix + "/api/materials/", 0, prefix.length() + 15)) {
            return src.substring(prefix.length());
        }
        return src;
    }

    /** Images on WeChat's own image hosts (mmbiz.qpic.cn and the like): already usable in articles. */
    static boolean isWeChatImage(String src) {
        try {
            URI uri = new URI(src);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawUserInfo() == null
                    && (host.equals("mmbiz.qpic.cn") || host.endsWith(".qpic.cn") || host.equals("mmbiz.qlogo.cn"));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The display form of the account's articles' HTML (sanitised again: synced content comes from WeChat as it is). */
    public List<String> toDisplay(UUID accountId, List<String> htmls) {
        Set<String> urls = new LinkedHashSet<>();
        htmls.forEach(h -> urls.addAll(ArticleHtml.imageSources(h)));
        Map<String, UUID> images = store.idsByWeChatUrl(accountId, urls);
        Map<String, UUID> materials = store.materialsByWeChatUrl(accountId, urls);
        List<String> out = new ArrayList<>();
        for (String html : htmls) {
            out.add(ArticleHtml.sanitize(html, src -> {
                if (images.containsKey(src)) {
                    return Optional.of(PATH + images.get(src));
                }
                if (materials.containsKey(src)) {
                    return Optional.of("/api/materials/" + materials.get(src) + "/file");
                }
                String lower = src.toLowerCase(Locale.ROOT);
                return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(src) : Optional.empty();
            }));
        }
        return out;
    }
}

package app.fanmail.materials.application;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The images uploaded for article content (materials.article_image) and the library's WeChat URLs they are judged with. */
public interface ArticleImageRepository {
    /** An article image: WeChat's URL and Fanmail's copy ({@code sha256} is the hash of the bytes as given, its identity per account). */
    record ArticleImage(UUID id, UUID accountId, String wechatUrl, String sourceUrl, String contentType, String sha256, byte[] bytes,
                        Instant createdAt) {
    }

    Optional<ArticleImage> find(UUID id);

    Optional<ArticleImage> findBySha256(UUID accountId, String sha256);

    /** Inserts unless the account already has an image with the same hash; returns the row that holds it. */
    ArticleImage insertOrExisting(ArticleImage image);

    /** Of {@code wechatUrls}, those the account's article images hold: URL to image id. */
    Map<String, UUID> idsByWeChatUrl(UUID accountId, Collection<String> wechatUrls);

    /** Of {@code wechatUrls}, those the account's library images hold (with a copy Fanmail can show): URL to material id. */
    Map<String, UUID> materialsByWeChatUrl(UUID accountId, Collection<String> wechatUrls);

    /** The WeChat URL of the account's library image {@code materialId}, if it has one. */
    Optional<String> materialWeChatUrl(UUID accountId, UUID materialId);
}

package app.fanmail.materials.domain;

/**
 * One article of a news draft as WeChat holds it: {@code content} is sanitised HTML whose images are WeChat's
 * (uploaded through uploadimg); {@code thumbMediaId} is the cover, a permanent image or thumbnail of the library.
 */
public record DraftArticle(String title, String author, String digest, String content, String contentSourceUrl, String thumbMediaId,
                           boolean openComment, boolean onlyFansCanComment) {
}

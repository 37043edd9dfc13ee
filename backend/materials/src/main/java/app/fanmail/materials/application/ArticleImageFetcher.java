package app.fanmail.materials.application;

/** Fetches an image an article links to on another site, so it can be uploaded to WeChat (port; SSRF-hardened adapter). */
public interface ArticleImageFetcher {
    /** The bytes at {@code url} (http or https), at most {@code maxBytes}. */
    byte[] fetch(String url, long maxBytes);

    /** The image could not be had: {@code code} is IMAGE_ADDRESS_REFUSED, IMAGE_TOO_LARGE or IMAGE_UNAVAILABLE. */
    class Unavailable extends RuntimeException {
        private final String code;

        public Unavailable(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

package app.fanmail.sandbox.push;

/** Where and how to push: the account's server URL, token, EncodingAESKey, appId and mode. */
public record CallbackTarget(String url, String token, String encodingAesKey, String appId,
                             EncryptionMode mode, String originalId) {

    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }
}

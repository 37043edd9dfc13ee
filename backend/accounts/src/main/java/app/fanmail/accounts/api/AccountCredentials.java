package app.fanmail.accounts.api;

import java.util.UUID;

/**
 * Decrypted credentials, for the WeChat layer only (calling the API, verifying and decrypting
 * callbacks). Never log or return these. {@code toString} hides the secrets.
 */
public record AccountCredentials(UUID accountId, String appId, String appSecret, String token,
                                 String encodingAesKey, EncryptionMode encryptionMode, String apiBaseUrl) {
    @Override
    public String toString() {
        return "AccountCredentials[" + appId + ", secrets hidden]";
    }
}

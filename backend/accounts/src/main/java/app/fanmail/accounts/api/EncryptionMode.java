package app.fanmail.accounts.api;

import org.eclipse.microprofile.graphql.Description;

@Description("Message encryption mode configured for the account's callbacks in WeChat.")
public enum EncryptionMode {
    @Description("Plaintext (明文模式).")
    PLAIN,
    @Description("Compatible: plaintext and ciphertext (兼容模式).")
    COMPATIBLE,
    @Description("Safe: ciphertext only (安全模式).")
    SAFE;

    public boolean needsAesKey() {
        return this != PLAIN;
    }
}

package app.fanmail.sandbox.push;

/** The message encryption mode chosen in the account's server configuration. */
public enum EncryptionMode {
    /** 明文模式: plaintext XML. */
    PLAIN,
    /** 兼容模式: plaintext fields plus {@code <Encrypt>}. */
    COMPATIBLE,
    /** 安全模式: only {@code <ToUserName>} and {@code <Encrypt>}. */
    SAFE
}

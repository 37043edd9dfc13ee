package app.fanmail.sandbox.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption ("safe mode"), implemented from the description in wechat-api.md:
 * <ul>
 *   <li>AES key = base64-decode(EncodingAESKey + "="), 32 bytes; IV = the first 16 key bytes; AES-256-CBC;</li>
 *   <li>PKCS#7 padding to a 32-byte block (1..32 pad bytes of value n);</li>
 *   <li>plaintext = 16 random bytes + 4-byte big-endian length of the message + message (UTF-8) + appId;</li>
 *   <li>ciphertext is base64 (standard alphabet, with padding);</li>
 *   <li>msg_signature = sha1(sort(token, timestamp, nonce, encrypt)).</li>
 * </ul>
 */
public final class WxBizMsgCrypt {

    private static final int BLOCK = 32;
    private static final String RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** {@code Cipher.getInstance} looks the provider up on every call: each thread keeps one and re-initialises it. */
    private static final ThreadLocal<Cipher> AES_CBC = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is not available", e);
        }
    });

    private final String token;
    private final byte[] aesKey;
    private final String appId;

    public WxBizMsgCrypt(String token, String encodingAesKey, String appId) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new CryptException(CryptException.ILLEGAL_AES_KEY, "EncodingAESKey must have 43 characters");
        }
        try {
            this.aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        } catch (IllegalArgumentException e) {
            throw new CryptException(CryptException.ILLEGAL_AES_KEY, "EncodingAESKey is not base64", e);
        }
        if (aesKey.length != 32) {
            throw new CryptException(CryptException.ILLEGAL_AES_KEY, "EncodingAESKey must decode to 32 bytes");
        }
        this.token = token == null ? "" : token;
        this.appId = appId == null ? "" : appId;
    }

    /** Encrypts with a fresh 16-character random prefix (letters and digits, as the official samples do). */
    public String encrypt(String message) {
        // base-62 digits of 64-bit secure draws (62^10 < 2^64: ten characters a draw), not one draw per character
        long bits = RANDOM.nextLong();
        byte[] random = new byte[16];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) RANDOM_ALPHABET.charAt((int) Long.remainderUnsigned(bits, RANDOM_ALPHABET.length()));
            bits = Long.divideUnsigned(bits, RANDOM_ALPHABET.length());
            if (i == 9) {
                bits = RANDOM.nextLong();
            }
        }
        return encrypt(random, message);
    }

    /** Encrypts with the given 16 random bytes (for known-answer tests). */
    public String encrypt(byte[] random16, String message) {
        if (random16.length != 16) {
            throw new IllegalArgumentException("the random prefix must have 16 bytes");
        }
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        int unpadded = 16 + 4 + msg.length + id.length;
        int pad = BLOCK - (unpadded % BLOCK); // 1..32, a full block when already aligned
        ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
        plain.put(random16).putInt(msg.length).put(msg).put(id);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(aesKey, 0, 16)));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new CryptException(CryptException.ENCRYPT_AES_ERROR, "AES encryption failed", e);
        }
    }

    /** Decrypts and checks that the trailing appId is this account's. */
    public Decrypted decrypt(String base64) {
        byte[] cipherText;
        try {
            cipherText = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new CryptException(CryptException.DECODE_BASE64_ERROR, "ciphertext is not base64", e);
        }
        byte[] plain;
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(aesKey, 0, 16)));
            plain = cipher.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            throw new CryptException(CryptException.DECRYPT_AES_ERROR, "AES decryption failed", e);
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xFF;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new CryptException(CryptException.ILLEGAL_BUFFER, "bad PKCS#7 padding");
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CryptException(CryptException.ILLEGAL_BUFFER, "plaintext too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new CryptException(CryptException.ILLEGAL_BUFFER, "bad message length");
        }
        String message = new String(plain, 20, length, StandardCharsets.UTF_8);
        String fromAppId = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!appId.isEmpty() && !appId.equals(fromAppId)) {
            throw new CryptException(CryptException.VALIDATE_APPID_ERROR, "appId mismatch: " + fromAppId);
        }
        return new Decrypted(message, fromAppId);
    }

    public String msgSignature(String timestamp, String nonce, String encrypt) {
        return Signatures.sha1Sorted(token, timestamp, nonce, encrypt);
    }

    /** Checks msg_signature and decrypts (what a receiver does with a safe-mode push or an echostr). */
    public Decrypted verifyAndDecrypt(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (!msgSignature(timestamp, nonce, encrypt).equals(msgSignature)) {
            throw new CryptException(CryptException.VALIDATE_SIGNATURE_ERROR, "msg_signature mismatch");
        }
        return decrypt(encrypt);
    }

    public record Decrypted(String message, String appId) {
    }
}

package app.fanmail.wechat.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's callback security (WXBizMsgCrypt): SHA-1 signatures over the sorted parameters, and
 * AES-256-CBC with the key from the EncodingAESKey, IV = first 16 key bytes, PKCS#7 padding to
 * 32-byte blocks, plaintext = 16 random bytes + 4-byte big-endian length + message + AppID.
 */
public final class CallbackCrypto {
    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * {@code Cipher.getInstance} looks the provider up on every call (a large share of a push's ingest CPU inside
     * WildFly); each thread keeps one AES/CBC cipher and re-initialises it for every message.
     */
    private static final ThreadLocal<Cipher> AES_CBC = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CBC/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is not available", e);
        }
    });

    private CallbackCrypto() {
    }

    /** {@code sha1(sort(parts).join(""))} in lowercase hex, as WeChat signs URL verification, messages and msg_signature. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : sorted) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of a received signature with the expected one. */
    public static boolean matches(String expected, String received) {
        return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] aesKey(String encodingAesKey) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new CryptoException("EncodingAESKey must be 43 characters");
        }
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        if (key.length != 32) {
            throw new CryptoException("EncodingAESKey does not decode to 32 bytes");
        }
        return key;
    }

    /** Decrypts an {@code Encrypt} element and checks it was sealed for {@code expectedAppId}. */
    public static String decrypt(String encodingAesKey, String expectedAppId, String encrypted) {
        byte[] key = aesKey(encodingAesKey);
        byte[] plain;
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            plain = cipher.doFinal(Base64.getDecoder().decode(encrypted.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("Encrypt cannot be decrypted", e);
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || pad > plain.length) {
            throw new CryptoException("Bad padding");
        }
        int end = plain.length - pad;
        if (end < 20) {
            throw new CryptoException("Message too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new CryptoException("Bad message length");
        }
        String message = new String(plain, 20, length, StandardCharsets.UTF_8);
        String appId = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!appId.equals(expectedAppId)) {
            throw new CryptoException("Message sealed for another AppID");
        }
        return message;
    }

    public static String encrypt(String encodingAesKey, String appId, String message) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return encrypt(encodingAesKey, appId, message, random);
    }

    static String encrypt(String encodingAesKey, String appId, String message, byte[] random16) {
        byte[] key = aesKey(encodingAesKey);
        byte[] msg = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(random16);
        out.writeBytes(ByteBuffer.allocate(4).putInt(msg.length).array());
        out.writeBytes(msg);
        out.writeBytes(id);
        int pad = BLOCK - (out.size() % BLOCK);
        for (int i = 0; i < pad; i++) {
            out.write(pad);
        }
        try {
            Cipher cipher = AES_CBC.get();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(cipher.doFinal(out.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String nonce() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    public static final class CryptoException extends RuntimeException {
        public CryptoException(String message) {
            super(message);
        }

        public CryptoException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

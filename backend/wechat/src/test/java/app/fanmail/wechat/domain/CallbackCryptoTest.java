package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class CallbackCryptoTest {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String APP_ID = "wx5823bf96d3bd56c7";

    @Test
    void signatureIsSha1OfTheSortedParts() {
        // sha1("123" + "abc" + "token") in hex, computed independently
        assertThat(CallbackCrypto.signature("token", "abc", "123")).isEqualTo(CallbackCrypto.signature("123", "abc", "token"));
        assertThat(CallbackCrypto.signature("a", "b")).isEqualTo("da23614e02469a0d7c7bd1bdab5c9c474b1904dc");
    }

    @Test
    void roundTripsUnicodeMessages() {
        String xml = "<xml><Content><![CDATA[你好, Fanmail]]></Content></xml>";
        String sealed = CallbackCrypto.encrypt(KEY, APP_ID, xml);
        assertThat(CallbackCrypto.decrypt(KEY, APP_ID, sealed)).isEqualTo(xml);
    }

    @Test
    void paddingIsToThirtyTwoByteBlocks() {
        for (int len = 0; len < 70; len++) {
            String sealed = CallbackCrypto.encrypt(KEY, APP_ID, "x".repeat(len), new byte[16]);
            int bytes = Base64.getDecoder().decode(sealed).length;
            assertThat(bytes % 32).as("length %d", len).isZero();
            assertThat(CallbackCrypto.decrypt(KEY, APP_ID, sealed)).isEqualTo("x".repeat(len));
        }
    }

    @Test
    void refusesAMessageSealedForAnotherAppId() {
        String sealed = CallbackCrypto.encrypt(KEY, "wx0000000000000000", "<xml/>");
        assertThatThrownBy(() -> CallbackCrypto.decrypt(KEY, APP_ID, sealed)).isInstanceOf(CallbackCrypto.CryptoException.class)
                .hasMessageContaining("another AppID");
    }

    @Test
    void refusesGarbageAndTheWrongKey() {
        assertThatThrownBy(() -> CallbackCrypto.decrypt(KEY, APP_ID, "not base64 !!")).isInstanceOf(CallbackCrypto.CryptoException.class);
        String sealed = CallbackCrypto.encrypt(KEY, APP_ID, "<xml/>");
        assertThatThrownBy(() -> CallbackCrypto.decrypt("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg", APP_ID, sealed))
                .isInstanceOf(CallbackCrypto.CryptoException.class);
        assertThatThrownBy(() -> CallbackCrypto.aesKey("short")).isInstanceOf(CallbackCrypto.CryptoException.class);
    }

    @Test
    void layoutIsRandomLengthMessageAppId() throws Exception {
        byte[] random = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String sealed = CallbackCrypto.encrypt(KEY, APP_ID, "<xml/>", random);
        byte[] key = CallbackCrypto.aesKey(KEY);
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(key, 0, 16));
        byte[] plain = c.doFinal(Base64.getDecoder().decode(sealed));
        assertThat(new String(plain, 0, 16, StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdef");
        assertThat(java.nio.ByteBuffer.wrap(plain, 16, 4).getInt()).isEqualTo(6);
        assertThat(new String(plain, 20, 6 + APP_ID.length(), StandardCharsets.UTF_8)).isEqualTo("<xml/>" + APP_ID);
    }
}

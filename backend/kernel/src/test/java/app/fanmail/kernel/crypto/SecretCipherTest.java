package app.fanmail.kernel.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());

    @Test
    void roundTripsUnicodeSecrets() {
        String stored = cipher.encrypt("s3cr3t-秘密", "account:1:appSecret");
        assertThat(stored).startsWith("v1:").doesNotContain("s3cr3t");
        assertThat(cipher.decrypt(stored, "account:1:appSecret")).isEqualTo("s3cr3t-秘密");
    }

    @Test
    void sameSecretEncryptsDifferentlyEachTime() {
        assertThat(cipher.encrypt("x", "c")).isNotEqualTo(cipher.encrypt("x", "c"));
    }

    @Test
    void ciphertextMovedToAnotherContextDoesNotDecrypt() {
        String stored = cipher.encrypt("secret", "account:1:appSecret");
        assertThatThrownBy(() -> cipher.decrypt(stored, "account:2:appSecret"))
                .isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void tamperedCiphertextIsRejected() {
        String stored = cipher.encrypt("secret", "ctx");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "ctx")).isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateBase64Key());
        String stored = cipher.encrypt("secret", "ctx");
        assertThatThrownBy(() -> other.decrypt(stored, "ctx")).isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }

    @Test
    void refusesMissingOrShortKeys() {
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("")).hasMessageContaining("FANMAIL_SECRETS_KEY");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretCipher.fromBase64Key("not base64!!")).hasMessageContaining("base64");
    }

    @Test
    void unknownFormatIsRejected() {
        assertThatThrownBy(() -> cipher.decrypt("plain", "ctx")).isInstanceOf(SecretCipher.SecretDecryptionException.class);
    }
}

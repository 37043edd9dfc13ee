package app.fanmail.kernel.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherProducerTest {
    private static SecretCipherProducer with(String key) {
        SecretCipherProducer p = new SecretCipherProducer();
        p.key = key;
        return p;
    }

    @Test
    void aMissingKeyFailsTheStartupWithAClearMessage() {
        for (String missing : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> with(missing).checkAtStartup(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no secrets key is configured").hasMessageContaining("FANMAIL_SECRETS_KEY");
        }
    }

    @Test
    void aMalformedKeyFailsTheStartupWithoutEchoingIt() {
        assertThatThrownBy(() -> with("not*base64!").checkAtStartup(null))
                .hasMessageContaining("not valid base64").hasMessageNotContaining("not*base64!");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> with(short16).checkAtStartup(null))
                .hasMessageContaining("decodes to 16 bytes, not 32").hasMessageNotContaining(short16);
    }

    @Test
    void aGoodKeyPasses() {
        with(SecretCipher.generateBase64Key()).checkAtStartup(null);
        assertThat(SecretCipherProducer.problem(SecretCipher.generateBase64Key())).isEmpty();
    }
}

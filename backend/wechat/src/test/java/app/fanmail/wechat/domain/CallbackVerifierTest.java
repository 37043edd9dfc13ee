package app.fanmail.wechat.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.wechat.domain.CallbackVerifier.Keys;
import app.fanmail.wechat.domain.CallbackVerifier.Query;

class CallbackVerifierTest {
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String XML = "<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>";

    private static final String NOW = Long.toString(java.time.Instant.now().getEpochSecond());

    private static Query plainQuery(String token) {
        return new Query(CallbackCrypto.signature(token, NOW, "n1"), NOW, "n1", null, null);
    }

    @Test
    void timestampsOutsideTheReplayWindowAreRefusedInBothDirections() {
        java.time.Instant now = java.time.Instant.ofEpochSecond(1_800_000_000L);
        java.time.Duration window = java.time.Duration.ofMinutes(5);
        assertThat(CallbackVerifier.fresh(new Query("s", "1800000000", "n1", null, null), now, window)).isEqualTo(1_800_000_000L);
        assertThat(CallbackVerifier.fresh(new Query("s", "1799999700", "n1", null, null), now, window)).isEqualTo(1_799_999_700L);
        assertThat(CallbackVerifier.fresh(new Query("s", "1800000300", "n1", null, null), now, window)).isEqualTo(1_800_000_300L);
        for (String stale : new String[] {"1799999699", "1800000301", "1700000000", "", "-5", "12a", "99999999999999999999"}) {
            assertThatThrownBy(() -> CallbackVerifier.fresh(new Query("s", stale, "n1", null, null), now, window))
                    .as(stale).isInstanceOf(CallbackVerifier.Refused.class);
        }
        assertThatThrownBy(() -> CallbackVerifier.fresh(new Query("s", "1800000000", null, null, null), now, window))
                .isInstanceOf(CallbackVerifier.Refused.class);
        assertThatThrownBy(() -> CallbackVerifier.fresh(new Query("s", "1800000000", "n".repeat(65), null, null), now, window))
                .isInstanceOf(CallbackVerifier.Refused.class);
    }

    @Test
    void plainModeChecksTheSignature() {
        Keys keys = new Keys("wx1", "tok", null, EncryptionMode.PLAIN);
        assertThat(CallbackVerifier.plaintext(keys, plainQuery("tok"), XML.getBytes())).isEqualTo(XML.getBytes());
        assertThatThrownBy(() -> CallbackVerifier.plaintext(keys, plainQuery("other"), XML.getBytes()))
                .isInstanceOf(CallbackVerifier.Refused.class);
        assertThatThrownBy(() -> CallbackVerifier.plaintext(keys, new Query(null, "1", "n", null, null), XML.getBytes()))
                .isInstanceOf(CallbackVerifier.Refused.class);
    }

    @Test
    void safeModeDecryptsAndChecksMsgSignature() {
        Keys keys = new Keys("wx1", "tok", KEY, EncryptionMode.SAFE);
        String encrypt = CallbackCrypto.encrypt(KEY, "wx1", XML);
        byte[] body = ("<xml><ToUserName>gh_1</ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
        Query ok = new Query(CallbackCrypto.signature("tok", NOW, "n1"), NOW, "n1", "aes",
                CallbackCrypto.signature("tok", NOW, "n1", encrypt));
        assertThat(new String(CallbackVerifier.plaintext(keys, ok, body), StandardCharsets.UTF_8)).isEqualTo(XML);

        Query forged = new Query(ok.signature(), ok.timestamp(), ok.nonce(), "aes", CallbackCrypto.signature("tok", NOW, "n2", encrypt));
        assertThatThrownBy(() -> CallbackVerifier.plaintext(keys, forged, body)).isInstanceOf(CallbackVerifier.Refused.class);
    }

    @Test
    void safeModeRefusesPlaintextDowngrade() {
        Keys keys = new Keys("wx1", "tok", KEY, EncryptionMode.SAFE);
        assertThatThrownBy(() -> CallbackVerifier.plaintext(keys, plainQuery("tok"), XML.getBytes()))
                .isInstanceOf(CallbackVerifier.Refused.class).hasMessageContaining("SAFE");
    }

    @Test
    void compatibleModeAcceptsBothForms() {
        Keys keys = new Keys("wx1", "tok", KEY, EncryptionMode.COMPATIBLE);
        assertThat(CallbackVerifier.plaintext(keys, plainQuery("tok"), XML.getBytes())).isEqualTo(XML.getBytes());
    }

    @Test
    void urlVerification() {
        Keys keys = new Keys("wx1", "tok", null, EncryptionMode.PLAIN);
        assertThat(CallbackVerifier.urlVerified(keys, plainQuery("tok"))).isTrue();
        assertThat(CallbackVerifier.urlVerified(keys, plainQuery("tok2"))).isFalse();
    }
}

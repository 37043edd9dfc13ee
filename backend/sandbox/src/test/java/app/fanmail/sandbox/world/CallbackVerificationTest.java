package app.fanmail.sandbox.world;

import static app.fanmail.sandbox.world.Sandbox.APP;
import static app.fanmail.sandbox.world.Sandbox.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.fanmail.sandbox.crypto.Signatures;
import app.fanmail.sandbox.push.Transport;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URL-verification GET WeChat sends when a server URL is saved, and the refusal when it fails. */
class CallbackVerificationTest {

    private final List<URI> gets = new ArrayList<>();
    private volatile boolean echo = true;

    private final Transport receiver = new Transport() {
        @Override
        public Reply post(URI uri, byte[] body, String contentType, Duration timeout) {
            return new Reply(200, "success");
        }

        @Override
        public Reply get(URI uri, Duration timeout) throws IOException {
            gets.add(uri);
            if (uri.getHost().equals("down.test")) {
                throw new IOException("connection refused");
            }
            return new Reply(200, echo ? query(uri).get("echostr") : "success");
        }
    };

    private final Sandbox sb = new Sandbox(Instant.parse("2026-03-10T02:00:00Z"), receiver);

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String kv : uri.getRawQuery().split("&")) {
            int eq = kv.indexOf('=');
            q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String account(String url) {
        return "{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"token\":\"tok\",\"callbackUrl\":\"" + url
                + "\",\"verifyCallbackUrl\":true}";
    }

    @Test
    void aReceiverThatEchoesIsSavedWithTheResultRecorded() {
        JsonObject acc = sb.control.putAccount(Sandbox.json(account("http://receiver.test/wechat?app=1")));
        assertThat(gets).hasSize(1);
        Map<String, String> q = query(gets.get(0));
        assertThat(gets.get(0).getPath()).isEqualTo("/wechat");
        assertThat(q.get("app")).isEqualTo("1");
        assertThat(q.get("timestamp")).isEqualTo(Long.toString(sb.clock.seconds()));
        assertThat(q.get("signature")).isEqualTo(Signatures.sha1Sorted("tok", q.get("timestamp"), q.get("nonce")));
        assertThat(q.get("echostr")).isNotBlank();
        JsonObject v = acc.getJsonObject("callbackVerification");
        assertThat(v.getBoolean("ok")).isTrue();
        assertThat(v.getString("echostr")).isEqualTo(q.get("echostr"));
        assertThat(sb.control.verifyCallback(APP).getBoolean("ok")).isTrue();
        assertThat(gets).hasSize(2);
    }

    @Test
    void aFailedVerificationRefusesTheConfigurationAndKeepsTheOldOne() {
        sb.control.putAccount(Sandbox.json(account("http://receiver.test/wechat")));
        echo = false;
        assertThatThrownBy(() -> sb.control.patchAccount(APP, Sandbox.json(
                "{\"callbackUrl\":\"http://other.test/cb\",\"verifyCallbackUrl\":true}")))
                .isInstanceOfSatisfying(ControlException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("not the echostr");
        assertThat(sb.acc().config().callbackUrl()).isEqualTo("http://receiver.test/wechat");
        JsonObject v = sb.control.getAccount(APP).getJsonObject("callbackVerification");
        assertThat(v.getBoolean("ok")).isFalse();
        assertThat(v.getString("reply")).isEqualTo("success");

        sb.control.deleteAccount(APP);
        echo = true;
        assertThatThrownBy(() -> sb.control.putAccount(Sandbox.json(account("http://down.test/cb"))))
                .isInstanceOf(ControlException.class).hasMessageContaining("connection refused");
        assertThat(sb.world.findAccount(APP)).as("a new account is not created").isNull();
    }

    @Test
    void withoutTheFlagNothingIsSent() {
        sb.control.putAccount(Sandbox.json("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET
                + "\",\"callbackUrl\":\"http://receiver.test/wechat\"}"));
        assertThat(gets).isEmpty();
    }
}

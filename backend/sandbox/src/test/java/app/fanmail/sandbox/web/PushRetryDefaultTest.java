package app.fanmail.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.fanmail.sandbox.push.CallbackPusher;
import app.fanmail.sandbox.push.CallbackTarget;
import app.fanmail.sandbox.push.EncryptionMode;
import app.fanmail.sandbox.push.PushRecord;
import app.fanmail.sandbox.push.Transport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * WeChat's "总共重试三次" read as three requests in all (the README's "Fault switches" cites the sources): the
 * deployed default of {@code fanmail.sandbox.push.attempts} is 3, and 3 attempts mean 3 requests to a receiver
 * that never answers well.
 */
class PushRetryDefaultTest {

    @Test
    void theDeployedDefaultIsThreeRequestsInAll() throws Exception {
        ConfigProperty p = SandboxRuntime.class.getDeclaredField("pushAttempts").getAnnotation(ConfigProperty.class);
        assertThat(p.name()).isEqualTo("fanmail.sandbox.push.attempts");
        assertThat(p.defaultValue()).isEqualTo("3");

        AtomicInteger requests = new AtomicInteger();
        Transport failing = (uri, body, type, timeout) -> {
            requests.incrementAndGet();
            return new Transport.Reply(500, "busy");
        };
        CallbackPusher pusher = new CallbackPusher(failing, () -> 0L, Integer.parseInt(p.defaultValue()),
                Duration.ofSeconds(5), 0);
        PushRecord r = pusher.deliver(pusher.prepare(new CallbackTarget("http://receiver.test/cb", "tok", null,
                "wx1234567890abcdef", EncryptionMode.PLAIN, "gh_1"), "text", "o1", "<xml></xml>"));
        assertThat(r.status()).isEqualTo("FAILED");
        assertThat(requests.get()).isEqualTo(3);
    }
}

package app.fanmail.wechat.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatTemplates;
import app.fanmail.wechat.application.AccountEndpoints;
import jakarta.json.Json;

/** The 10-minute client_msg_id window on a controllable clock: a resend that could arrive after it is refused as IN_DOUBT. */
class IdempotencyWindowGatewayTest {
    private static final Instant FIRST_USE = Instant.parse("2026-12-01T08:00:00Z");
    private Instant now = FIRST_USE;

    private WeChatGateway gateway() {
        WeChatGateway g = new WeChatGateway();
        g.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        g.clients = new WeChatClients() {
            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(10);
            }
        };
        g.endpoints = new AccountEndpoints() {
            @Override
            public Endpoint endpoint(UUID accountId) {
                throw new WeChatException(Kind.OTHER, 0, "reached the endpoint lookup", null); // past the window check
            }
        };
        return g;
    }

    private WeChatException resend() {
        Throwable t = catchThrowable(() -> gateway().postAsync(UUID.randomUUID(), "/cgi-bin/message/template/send",
                Json.createObjectBuilder().build(), FIRST_USE, WeChatTemplates.CLIENT_MSG_ID_WINDOW).get(5, TimeUnit.SECONDS));
        return app.fanmail.wechat.infrastructure.http.WeChatHttp.failureOf(t);
    }

    @Test
    void aResendWithinTheWindowGoesAhead() {
        now = FIRST_USE.plus(Duration.ofMinutes(9)).plusSeconds(49);
        assertThat(resend().errmsg()).isEqualTo("reached the endpoint lookup");
    }

    @Test
    void aResendThatCouldArriveAfterTheWindowIsInDoubtAndNotSent() {
        now = FIRST_USE.plus(Duration.ofMinutes(9)).plusSeconds(50); // + 10 s request timeout = the window's end
        WeChatException e = resend();
        assertThat(e.kind()).isEqualTo(Kind.IN_DOUBT);
        assertThat(e.mayHaveBeenProcessed()).isFalse();
        assertThat(e.retryable()).isFalse();
        now = FIRST_USE.plus(Duration.ofHours(1));
        assertThat(resend().kind()).isEqualTo(Kind.IN_DOUBT);
    }

    @Test
    void massResendsHaveA24HourWindow() {
        now = FIRST_USE.plus(Duration.ofHours(23));
        gateway().requireInsideWindow(FIRST_USE, app.fanmail.wechat.api.WeChatMessages.MASS_CLIENT_MSG_ID_WINDOW);
        now = FIRST_USE.plus(Duration.ofHours(24)).minusSeconds(10);
        WeChatException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> gateway()
                .requireInsideWindow(FIRST_USE, app.fanmail.wechat.api.WeChatMessages.MASS_CLIENT_MSG_ID_WINDOW), WeChatException.class);
        assertThat(e.kind()).isEqualTo(Kind.IN_DOUBT);
    }

    @Test
    void theDeadlineIsTheWindowMinusTheRequestTimeout() {
        assertThat(gateway().resendDeadline(FIRST_USE, WeChatTemplates.CLIENT_MSG_ID_WINDOW))
                .isEqualTo(Instant.parse("2026-12-01T08:09:50Z"));
    }
}

package app.fanmail.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestGuardTest {
    private final RequestGuard guard = new RequestGuard(List.of("https://admin.example.com"));

    @Test
    void acceptsTheServersOwnOrigin() {
        assertThat(guard.originAllowed("http://localhost:8080", "localhost:8080", "http")).isTrue();
        assertThat(guard.originAllowed("https://fanmail.example.com", "fanmail.example.com", "http")).isTrue();
        assertThat(guard.originAllowed("https://fanmail.example.com:443", "fanmail.example.com", "https")).isTrue();
    }

    @Test
    void acceptsConfiguredOrigins() {
        assertThat(guard.originAllowed("https://admin.example.com", "fanmail.internal:8080", "http")).isTrue();
    }

    @Test
    void refusesForeignAndOpaqueOrigins() {
        assertThat(guard.originAllowed("http://evil.example", "localhost:8080", "http")).isFalse();
        assertThat(guard.originAllowed("http://localhost:8081", "localhost:8080", "http")).isFalse();
        assertThat(guard.originAllowed("null", "localhost:8080", "http")).isFalse();
        assertThat(guard.originAllowed("http://localhost:8080.evil.example", "localhost:8080", "http")).isFalse();
    }

    @Test
    void readsTheSessionTokenFromACookieHeader() {
        assertThat(SessionCookie.fromHeader("a=1; fanmail_session=tok; b=2")).isEqualTo("tok");
        assertThat(SessionCookie.fromHeader("x_fanmail_session=nope")).isNull();
        assertThat(SessionCookie.fromHeader(null)).isNull();
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() {
        assertThat(SessionCookie.set("t", java.time.Duration.ofHours(1), true))
                .contains("HttpOnly", "SameSite=Strict", "Secure", "Max-Age=3600", "Path=/");
        assertThat(SessionCookie.clear(false)).contains("Max-Age=0").doesNotContain("Secure");
    }
}

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

    @Test
    void refusesEveryOtherSpellingOfAnApiPath() {
        // raw path as sent, decoded servlet path as Undertow routes it
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql;x", "/graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql;jsessionid=1", "/graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/%67raphql", "/graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql%2Fx", "/graphql/x")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql%252F", "/graphql%2F")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/api/session%3B", "/api/session;")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("//graphql", "//graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/./graphql", "/graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/x/../graphql", "/graphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/api\\session", "/api\\session")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphiql;x/", "/graphiql/")).isTrue();
        // Undertow leaves an encoded slash encoded: the path still names GraphQL once decoded
        assertThat(RequestGuard.isAmbiguousApiPath("/%2fgraphql", "/%2fgraphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/%252Fgraphql", "/%2Fgraphql")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/%2e/graphql", "/./graphql")).isTrue();
    }

    @Test
    void letsPlainApiPathsAndOtherPathsThrough() {
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql", "/graphql")).isFalse();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql/", "/graphql/")).isFalse();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphiql/", "/graphiql/index.html")).isFalse();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphiql;x/", "/graphiql/index.html")).isTrue();
        assertThat(RequestGuard.isAmbiguousApiPath("/graphql/schema.graphql", "/graphql/schema.graphql")).isFalse();
        assertThat(RequestGuard.isAmbiguousApiPath("/api/wechat/wx123/callback", "/api/wechat/wx123/callback")).isFalse();
        assertThat(RequestGuard.isAmbiguousApiPath("/templates/%E6%A8%A1%E6%9D%BF", "/templates/模板")).isFalse();
        assertThat(RequestGuard.isApiPath("/GraphQL")).isTrue();
    }
}

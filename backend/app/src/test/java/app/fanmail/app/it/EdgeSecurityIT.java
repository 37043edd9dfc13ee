package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/** The API edge seen from outside: other spellings of API paths, and the response headers. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeSecurityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    private String baseUrl;
    private FanmailClient admin;

    @BeforeEach
    void setUp() {
        baseUrl = base.toString().replaceAll("/$", "");
        admin = FanmailClient.signedInAdmin(baseUrl);
    }

    @Test
    void noSpellingOfTheGraphqlPathSkipsTheCsrfAndOriginChecks() {
        String name = "smuggled-" + Accounts.hex(6);
        String mutation = "{\"query\":\"mutation { userCreate(input: {username: \\\"" + name
                + "\\\", password: \\\"long-enough-pw-1\\\", role: ADMIN}) { user { id } } }\"}";
        String forged = "Cookie: " + admin.cookieHeader() + "\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\n";
        List<String> ambiguous = List.of("/graphql;x", "/graphql;jsessionid=1", "/%67raphql", "/graphql%3bx", "//graphql",
                "/./graphql", "/x/../graphql", "/graphql%2F", "/%2fgraphql", "/graphql%252F", "/graphql/;x");
        for (String path : ambiguous) {
            RawHttp.Response res = RawHttp.send(baseUrl, "POST", path, forged, mutation);
            assertThat(res.status()).as(path + "\n" + res.head()).isEqualTo(400);
            assertThat(res.body()).as(path).contains("BAD_PATH");
        }
        // the plain spellings reach the checks
        assertThat(RawHttp.send(baseUrl, "POST", "/graphql", forged, mutation).status()).isEqualTo(415);
        assertThat(RawHttp.send(baseUrl, "POST", "/graphql/", forged, mutation).status()).isEqualTo(415);
        String csrfOkForeignOrigin = "Cookie: " + admin.cookieHeader() + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\n"
                + "X-Fanmail-Csrf: 1\r\n";
        assertThat(RawHttp.send(baseUrl, "POST", "/graphql/", csrfOkForeignOrigin, mutation).status()).isEqualTo(403);
        // even with every header right, a path parameter is refused
        String proper = "Cookie: " + admin.cookieHeader() + "\r\nContent-Type: application/json\r\nX-Fanmail-Csrf: 1\r\n";
        assertThat(RawHttp.send(baseUrl, "POST", "/graphql;x", proper, mutation).status()).isEqualTo(400);
        RawHttp.Response signOut = RawHttp.send(baseUrl, "DELETE", "/api/session;x", "Cookie: " + admin.cookieHeader() + "\r\n", null);
        assertThat(signOut.status()).isEqualTo(400);
        assertThat(signOut.body()).contains("\"code\":\"BAD_PATH\"");

        // none of them created the user: creating it now succeeds
        JsonObject created = Users.create(admin, name, "long-enough-pw-1", "VIEWER");
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
    }

    @Test
    void noSpellingOfTheGraphqlPathOpensAWebSocketFromAForeignOrigin() {
        String upgrade = "Cookie: " + admin.cookieHeader() + "\r\nOrigin: http://evil.example\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\n";
        for (String path : List.of("/graphql;x", "/%67raphql", "//graphql")) {
            RawHttp.Response res = RawHttp.send(baseUrl, "GET", path, upgrade, null);
            assertThat(res.status()).as(path + "\n" + res.head()).isEqualTo(400);
        }
        assertThat(RawHttp.send(baseUrl, "GET", "/graphql", upgrade, null).status()).isEqualTo(403);
    }

    @Test
    void graphqlAndGraphiqlAnswersAreNeverStored() {
        HttpResponse<String> graphql = admin.graphqlRaw("{ viewer { username } }", null);
        assertThat(graphql.statusCode()).isEqualTo(200);
        assertThat(graphql.headers().firstValue("Cache-Control")).contains("no-store");

        // (GraphiQL's page comes with the frontend build; the header is there whatever the answer)
        HttpResponse<String> graphiql = admin.send(HttpRequest.newBuilder(admin.uri("/graphiql/")).GET());
        assertThat(graphiql.headers().firstValue("Cache-Control")).contains("no-store");

        HttpResponse<String> refused = new FanmailClient(baseUrl).graphqlRaw("{ viewer { username } }", null);
        assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void pagesMayConnectOnlyToTheirOwnOrigin() {
        HttpResponse<String> res = admin.send(HttpRequest.newBuilder(admin.uri("/")).GET());
        String csp = res.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("connect-src 'self';").doesNotContain("ws:").doesNotContain("wss:");
    }

    @Test
    void hstsOnlyWhenServedOverHttps() {
        HttpResponse<String> plain = admin.send(HttpRequest.newBuilder(admin.uri("/")).GET());
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();

        // the tests' server trusts loopback as its proxy (fanmail.security.trusted-proxies)
        HttpResponse<String> viaProxy = admin.send(HttpRequest.newBuilder(admin.uri("/")).header("X-Forwarded-Proto", "https").GET());
        assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000; includeSubDomains");
    }
}

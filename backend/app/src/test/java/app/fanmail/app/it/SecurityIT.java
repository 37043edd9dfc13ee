package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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

/** Authentication, roles, CSRF and WebSocket checks, seen from outside. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

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
    void graphqlWithoutASessionIsRefused() {
        FanmailClient anonymous = new FanmailClient(baseUrl);
        HttpResponse<String> res = anonymous.graphqlRaw("{ accounts { totalCount } }", null);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("UNAUTHENTICATED");

        HttpResponse<String> mutation = anonymous.graphqlRaw(
                "mutation($i: AccountCreateInput!) { accountCreate(input: $i) { account { id } } }", Map.of("i", Accounts.validInput()));
        assertThat(mutation.statusCode()).isEqualTo(401);
    }

    @Test
    void schemaIsNotPublic() {
        HttpResponse<String> res = new FanmailClient(baseUrl).send(HttpRequest.newBuilder(URI("/graphql/schema.graphql")).GET());
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(admin.send(HttpRequest.newBuilder(URI("/graphql/schema.graphql")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void crossSiteRequestsAreRefused() {
        String body = "{\"query\":\"{ viewer { id } }\"}";
        HttpResponse<String> noHeader = admin.send(HttpRequest.newBuilder(URI("/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(noHeader.body()).contains("CSRF_CHECK_FAILED");

        HttpResponse<String> formPost = admin.send(HttpRequest.newBuilder(URI("/graphql"))
                .header("Content-Type", "text/plain").header("X-Fanmail-Csrf", "1").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(formPost.statusCode()).isEqualTo(415);

        HttpResponse<String> foreignOrigin = admin.send(HttpRequest.newBuilder(URI("/graphql"))
                .header("Content-Type", "application/json").header("X-Fanmail-Csrf", "1").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(foreignOrigin.statusCode()).isEqualTo(403);

        HttpResponse<String> get = admin.send(HttpRequest.newBuilder(URI("/graphql?query=%7Bviewer%7Bid%7D%7D")).GET());
        assertThat(get.statusCode()).isEqualTo(405);

        HttpResponse<String> signOutWithoutHeader = admin.send(HttpRequest.newBuilder(URI("/api/session")).DELETE());
        assertThat(signOutWithoutHeader.statusCode()).isEqualTo(403);
        assertThat(admin.data("{ viewer { username } }", null).getJsonObject("viewer").getString("username")).isEqualTo("admin");
    }

    @Test
    void wrongPasswordIsRefusedAndRepeatedGuessingIsThrottled() {
        String name = "victim-" + Accounts.hex(6);
        Users.create(admin, name, "correct-password-1", "VIEWER");
        FanmailClient guesser = new FanmailClient(baseUrl);
        String address = "198.19.0." + (1 + new java.util.Random().nextInt(254));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> res = signInFrom(guesser, name, "wrong-" + i, address);
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.body()).contains("INVALID_CREDENTIALS");
            assertThat(res.headers().firstValue("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> throttled = null;
        for (int i = 0; i < 5 && (throttled == null || throttled.statusCode() != 429); i++) {
            throttled = signInFrom(guesser, name, "wrong-again-" + i, address);
        }
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("TOO_MANY_ATTEMPTS");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();

        assertThat(signInFrom(new FanmailClient(baseUrl), "nobody-" + Accounts.hex(4), "whatever-123", address).statusCode()).isIn(401, 429);
    }

    /** The tests' server trusts loopback as its proxy: X-Forwarded-For picks the address counted. */
    private static HttpResponse<String> signInFrom(FanmailClient client, String username, String password, String address) {
        String body = jakarta.json.Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        return client.send(HttpRequest.newBuilder(client.uri("/api/session"))
                .header("Content-Type", "application/json").header("X-Fanmail-Csrf", "1").header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void sessionCookieIsHttpOnlyAndStrict() {
        HttpResponse<String> res = new FanmailClient(baseUrl).signIn("admin", TestServer.adminPassword());
        assertThat(res.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("fanmail_session=", "HttpOnly", "SameSite=Strict", "Path=/"));
    }

    @Test
    void signingOutEndsTheSession() {
        FanmailClient client = FanmailClient.signedInAdmin(baseUrl);
        assertThat(client.send(HttpRequest.newBuilder(URI("/api/session")).GET()).statusCode()).isEqualTo(200);
        assertThat(client.signOut().statusCode()).isEqualTo(204);
        assertThat(client.graphqlRaw("{ viewer { id } }", null).statusCode()).isEqualTo(401);
        // the UI's session probe: "nobody signed in" is an answer, not an HTTP error
        HttpResponse<String> probe = client.send(HttpRequest.newBuilder(URI("/api/session")).GET());
        assertThat(probe.statusCode()).isEqualTo(204);
        assertThat(probe.body()).isEmpty();
    }

    @Test
    void viewersReadButCannotChange() throws Exception {
        FanmailClient viewer = Users.signedIn(admin, baseUrl, "VIEWER");
        assertThat(viewer.data("{ accounts { totalCount } }", null).getJsonObject("accounts").getInt("totalCount")).isNotNegative();

        Map<String, Object> input = Accounts.validInput();
        JsonObject refused = viewer.graphql(Accounts.CREATE, Map.of("i", input));
        assertThat(errorCode(refused)).isEqualTo("FORBIDDEN");
        JsonObject found = admin.data("query($s: String) { accounts(search: $s) { totalCount } }", Map.of("s", input.get("appId")));
        assertThat(found.getJsonObject("accounts").getInt("totalCount")).isZero();

        assertThat(errorCode(viewer.graphql("{ users { totalCount } }", null))).isEqualTo("FORBIDDEN");
    }

    @Test
    void operatorsManageAccountsButNotUsers() {
        FanmailClient operator = Users.signedIn(admin, baseUrl, "OPERATOR");
        JsonObject created = operator.data(Accounts.CREATE, Map.of("i", Accounts.validInput())).getJsonObject("accountCreate");
        assertThat(created.getJsonArray("userErrors")).isEmpty();

        JsonObject refused = operator.graphql(Users.CREATE, Map.of("i", Map.of("username", "sneaky-" + Accounts.hex(4),
                "password", "long-enough-pw", "role", "ADMIN")));
        assertThat(errorCode(refused)).isEqualTo("FORBIDDEN");
    }

    @Test
    void webSocketWithoutASessionIsRefused() throws Exception {
        FanmailClient.Subscriptions ws = new FanmailClient(baseUrl).openSubscriptions(baseUrl);
        assertThat(ws.handshakeStatus(Duration.ofSeconds(10))).isEqualTo(401);
    }

    @Test
    void webSocketFromAForeignOriginIsRefused() throws Exception {
        FanmailClient.Subscriptions ws = admin.openSubscriptions("http://evil.example");
        assertThat(ws.handshakeStatus(Duration.ofSeconds(10))).isEqualTo(403);
    }

    @Test
    void webSocketSubscriptionsCheckRolesAndEndWithTheSession() throws Exception {
        FanmailClient viewer = Users.signedIn(admin, baseUrl, "VIEWER");
        FanmailClient.Subscriptions ws = viewer.openSubscriptions(baseUrl);
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");

        ws.send("{\"id\":\"m\",\"type\":\"subscribe\",\"payload\":{\"query\":\"mutation($i: AccountDeleteInput!) { accountDelete(input: $i) { deletedAccountId } }\","
                + "\"variables\":{\"i\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}}}");
        JsonObject result = ws.next(Duration.ofSeconds(10));
        assertThat(result.toString()).contains("FORBIDDEN");

        viewer.signOut();
        assertThat(ws.closeCode(Duration.ofSeconds(10))).isEqualTo(4401);
    }

    @Test
    void graphiqlIsForAdminsOnly() {
        HttpResponse<String> anonymous = new FanmailClient(baseUrl).send(HttpRequest.newBuilder(URI("/graphiql/")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login"));

        FanmailClient operator = Users.signedIn(admin, baseUrl, "OPERATOR");
        assertThat(operator.send(HttpRequest.newBuilder(URI("/graphiql/")).GET()).statusCode()).isEqualTo(403);

        HttpResponse<String> forAdmin = admin.send(HttpRequest.newBuilder(URI("/graphiql/")).GET());
        assertThat(forAdmin.statusCode()).isEqualTo(200);
        assertThat(forAdmin.body()).containsIgnoringCase("graphiql");
    }

    @Test
    void responsesCarryHardeningHeaders() {
        HttpResponse<String> res = admin.send(HttpRequest.newBuilder(URI("/")).GET());
        assertThat(res.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(res.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(res.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    }

    private java.net.URI URI(String path) {
        return java.net.URI.create(baseUrl + path);
    }

    private static String errorCode(JsonObject body) {
        assertThat(body.containsKey("errors")).as(body.toString()).isTrue();
        return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }
}

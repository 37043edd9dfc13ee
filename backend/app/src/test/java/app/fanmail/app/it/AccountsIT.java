package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/** Official accounts through GraphQL against the real server and database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    private FanmailClient admin;

    @BeforeEach
    void signIn() {
        admin = FanmailClient.signedInAdmin(base.toString());
    }

    @Test
    void createsAnAccountWithEncryptedWriteOnlySecrets() throws Exception {
        Map<String, Object> input = Accounts.validInput();
        JsonObject payload = Accounts.create(admin, input);

        assertThat(payload.getJsonArray("userErrors")).isEmpty();
        JsonObject account = payload.getJsonObject("account");
        assertThat(account.getString("appId")).isEqualTo(input.get("appId"));
        assertThat(account.getBoolean("appSecretSet")).isTrue();
        assertThat(account.getBoolean("tokenSet")).isTrue();
        assertThat(account.getBoolean("encodingAesKeySet")).isTrue();
        assertThat(account.getString("status")).isEqualTo("ACTIVE");
        assertThat(account.getString("callbackUrl")).endsWith("/api/wechat/callback/" + input.get("appId"));
        assertThat(account.getString("apiBaseUrl")).startsWith("http");
        // the response never carries a secret
        assertThat(payload.toString()).doesNotContain((String) input.get("appSecret"), (String) input.get("token"),
                (String) input.get("encodingAesKey"));

        // at rest: ciphertext only
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select app_secret_enc, token_enc, encoding_aes_key_enc from accounts.official_account where id = ?")) {
            s.setObject(1, UUID.fromString(account.getString("id")));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int col = 1; col <= 3; col++) {
                    assertThat(rs.getString(col)).startsWith("v1:")
                            .doesNotContain((String) input.get("appSecret"), (String) input.get("token"), (String) input.get("encodingAesKey"));
                }
            }
        }
    }

    @Test
    void noQueryCanReadASecret() {
        JsonObject body = admin.graphql("{ accounts { edges { node { appSecret } } } }", null);
        assertThat(body.getJsonArray("errors")).isNotEmpty();
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("message")).contains("appSecret");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource({
            "name,'',NAME_REQUIRED",
            "originalId,gh_123,ORIGINAL_ID_INVALID",
            "appId,wx123,APP_ID_INVALID",
            "appId,wx0123456789abcdez,APP_ID_INVALID",
            "appSecret,not-a-secret,APP_SECRET_INVALID",
            "token,a b,TOKEN_INVALID",
            "token,ab,TOKEN_INVALID",
            "encodingAesKey,tooShort,ENCODING_AES_KEY_INVALID",
            "apiBaseUrl,ftp://example.com,API_BASE_URL_INVALID"
    })
    void refusesInvalidFieldsAndWritesNothing(String field, String value, String code) throws Exception {
        Map<String, Object> input = Accounts.validInput();
        input.put(field, value);
        long before = countAccounts();

        JsonObject payload = admin.data(Accounts.CREATE, Map.of("i", input)).getJsonObject("accountCreate");

        assertThat(payload.isNull("account")).isTrue();
        assertThat(payload.getJsonArray("userErrors")).hasSize(1);
        JsonObject error = payload.getJsonArray("userErrors").getJsonObject(0);
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("field")).isEqualTo(field);
        assertThat(error.getString("message")).isNotBlank();
        assertThat(countAccounts()).isEqualTo(before);
    }

    @Test
    void encryptedModesNeedAnAesKey() {
        Map<String, Object> input = Accounts.validInput();
        input.remove("encodingAesKey");
        JsonObject payload = Accounts.create(admin, input);
        assertThat(codes(payload)).containsExactly("ENCODING_AES_KEY_REQUIRED");

        input.put("encryptionMode", "PLAIN");
        assertThat(Accounts.create(admin, input).getJsonObject("account").getBoolean("encodingAesKeySet")).isFalse();
    }

    @Test
    void refusesADuplicateAppIdWhateverItsCase() throws Exception {
        Map<String, Object> first = Accounts.validInput();
        assertThat(codes(Accounts.create(admin, first))).isEmpty();
        long before = countAccounts();

        Map<String, Object> second = Accounts.validInput();
        second.put("appId", ((String) first.get("appId")).toUpperCase().replace("WX", "wx"));
        JsonObject payload = Accounts.create(admin, second);

        assertThat(codes(payload)).containsExactly("APP_ID_TAKEN");
        assertThat(payload.getJsonArray("userErrors").getJsonObject(0).getString("field")).isEqualTo("appId");
        assertThat(countAccounts()).isEqualTo(before);
    }

    @Test
    void editsAnAccountButNotIntoAnotherOnesAppId() {
        JsonObject a = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        JsonObject b = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");

        Map<String, Object> update = updateOf(a);
        update.put("name", "Renamed 公众号");
        update.put("apiTarget", "WECHAT");
        update.put("apiBaseUrl", "https://proxy.example.com/wechat/");
        update.putAll(secretsAgain());
        JsonObject changed = admin.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate");
        assertThat(codes(changed)).isEmpty();
        assertThat(changed.getJsonObject("account").getString("name")).isEqualTo("Renamed 公众号");
        assertThat(changed.getJsonObject("account").getString("apiBaseUrl")).isEqualTo("https://proxy.example.com/wechat");
        assertThat(changed.getJsonObject("account").getBoolean("appSecretSet")).isTrue();

        update.put("appId", b.getString("appId"));
        JsonObject refused = admin.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate");
        assertThat(codes(refused)).containsExactly("APP_ID_TAKEN");
        JsonObject stored = admin.data(Accounts.GET, Map.of("id", a.getString("id"))).getJsonObject("account");
        assertThat(stored.getString("appId")).isEqualTo(a.getString("appId"));
        assertThat(stored.getString("name")).isEqualTo("Renamed 公众号");
    }

    @Test
    void theTargetsDefaultUrlIsNotPinnedAsAnOverride() throws Exception {
        JsonObject created = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        Map<String, Object> update = updateOf(created);
        update.put("apiBaseUrl", created.getString("apiBaseUrl")); // what an edit form sends back
        admin.data(Accounts.UPDATE, Map.of("i", update));
        assertThat(column(created.getString("id"), "api_base_url")).isNull();

        update.put("apiBaseUrl", "http://proxy.example.com:9000");
        update.putAll(secretsAgain());
        admin.data(Accounts.UPDATE, Map.of("i", update));
        assertThat(column(created.getString("id"), "api_base_url")).isEqualTo("http://proxy.example.com:9000");
    }

    @Test
    void replacesOnlyTheSecretsGiven() throws Exception {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        JsonObject account = Accounts.create(admin, input).getJsonObject("account");
        String id = account.getString("id");
        String tokenBefore = column(id, "token_enc");

        JsonObject bad = admin.data(Accounts.REPLACE, Map.of("i", Map.of("id", id, "appSecret", "xyz"))).getJsonObject("accountSecretsReplace");
        assertThat(codes(bad)).containsExactly("APP_SECRET_INVALID");

        JsonObject none = admin.data(Accounts.REPLACE, Map.of("i", Map.of("id", id))).getJsonObject("accountSecretsReplace");
        assertThat(codes(none)).containsExactly("SECRET_REQUIRED");

        String secretBefore = column(id, "app_secret_enc");
        JsonObject ok = admin.data(Accounts.REPLACE, Map.of("i", Map.of("id", id, "appSecret", Accounts.hex(32),
                "encodingAesKey", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg"))).getJsonObject("accountSecretsReplace");
        assertThat(codes(ok)).isEmpty();
        assertThat(ok.getJsonObject("account").getBoolean("encodingAesKeySet")).isTrue();
        assertThat(column(id, "app_secret_enc")).isNotEqualTo(secretBefore);
        assertThat(column(id, "token_enc")).isEqualTo(tokenBefore);
    }

    @Test
    void disablesAndDeletes() throws Exception {
        JsonObject account = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        String id = account.getString("id");

        JsonObject disabled = admin.data(Accounts.STATUS, Map.of("i", Map.of("id", id, "status", "DISABLED"))).getJsonObject("accountStatusSet");
        assertThat(disabled.getJsonObject("account").getString("status")).isEqualTo("DISABLED");

        JsonObject deleted = admin.data(Accounts.DELETE, Map.of("i", Map.of("id", id))).getJsonObject("accountDelete");
        assertThat(codes(deleted)).isEmpty();
        assertThat(deleted.getString("deletedAccountId")).isEqualTo(id);
        assertThat(admin.data(Accounts.GET, Map.of("id", id)).isNull("account")).isTrue();

        JsonObject again = admin.data(Accounts.DELETE, Map.of("i", Map.of("id", id))).getJsonObject("accountDelete");
        assertThat(codes(again)).containsExactly("NOT_FOUND");
    }

    @Test
    void listsPagesAndSearches() {
        String marker = "Paging" + Accounts.hex(6);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> input = Accounts.validInput();
            input.put("name", marker + " " + i);
            Accounts.create(admin, input);
        }
        String query = "query($after: String, $s: String) { accounts(first: 2, after: $after, search: $s) { totalCount "
                + "edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("s", marker.toLowerCase());
        vars.put("after", null);
        JsonObject page1 = admin.data(query, vars).getJsonObject("accounts");
        assertThat(page1.getInt("totalCount")).isEqualTo(3);
        assertThat(names(page1)).containsExactly(marker + " 0", marker + " 1");
        assertThat(page1.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();

        vars.put("after", page1.getJsonObject("pageInfo").getString("endCursor"));
        JsonObject page2 = admin.data(query, vars).getJsonObject("accounts");
        assertThat(names(page2)).containsExactly(marker + " 2");
        assertThat(page2.getJsonObject("pageInfo").getBoolean("hasNextPage")).isFalse();

        JsonObject badCursor = admin.graphql(query, Map.of("after", "garbage!", "s", marker));
        assertThat(badCursor.toString()).contains("CURSOR_INVALID");
    }

    @Test
    void subscribersSeeChangesLive() throws Exception {
        FanmailClient.Subscriptions ws = admin.openSubscriptions(base.toString().replaceAll("/$", ""));
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        ws.send("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription { accountChanged { kind accountId account { name } } }\"}}");
        Thread.sleep(500);

        Map<String, Object> input = Accounts.validInput();
        input.put("name", "Live " + Accounts.hex(4));
        String id = Accounts.create(admin, input).getJsonObject("account").getString("id");

        JsonObject next = ws.next(Duration.ofSeconds(10));
        assertThat(next).isNotNull();
        assertThat(next.getString("type")).isEqualTo("next");
        JsonObject change = next.getJsonObject("payload").getJsonObject("data").getJsonObject("accountChanged");
        assertThat(change.getString("kind")).isEqualTo("CREATED");
        assertThat(change.getString("accountId")).isEqualTo(id);
        assertThat(change.getJsonObject("account").getString("name")).isEqualTo(input.get("name"));
    }

    @Test
    void anOperatorCannotRedirectAnAccountsSecrets() throws Exception {
        JsonObject a = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        String id = a.getString("id");
        String secretBefore = column(id, "app_secret_enc");
        FanmailClient operator = Users.signedIn(admin, base.toString(), "OPERATOR");

        Map<String, Object> update = updateOf(a);
        update.put("apiTarget", "WECHAT");
        update.put("apiBaseUrl", "https://proxy.example.com");
        update.putAll(secretsAgain());
        JsonObject refused = operator.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate");
        assertThat(codes(refused)).containsExactly("DESTINATION_CHANGE_FORBIDDEN");
        assertThat(refused.isNull("account")).isTrue();
        assertThat(column(id, "api_target")).isEqualTo("SANDBOX");
        assertThat(column(id, "api_base_url")).isNull();
        assertThat(column(id, "app_secret_enc")).isEqualTo(secretBefore);

        Map<String, Object> rename = updateOf(a);
        rename.put("name", "Renamed by an operator");
        rename.put("apiBaseUrl", a.getString("apiBaseUrl")); // unchanged destination: operators may edit the rest
        assertThat(codes(operator.data(Accounts.UPDATE, Map.of("i", rename)).getJsonObject("accountUpdate"))).isEmpty();
    }

    @Test
    void changingTheDestinationNeedsTheSecretsAgain() throws Exception {
        JsonObject a = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        String id = a.getString("id");
        String secretBefore = column(id, "app_secret_enc");
        Map<String, Object> update = updateOf(a);
        update.put("apiTarget", "WECHAT");

        JsonObject refused = admin.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate");
        assertThat(codes(refused)).containsExactly("SECRETS_REQUIRED", "SECRETS_REQUIRED", "SECRETS_REQUIRED");
        assertThat(refused.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("field")).toList())
                .containsExactly("appSecret", "token", "encodingAesKey");
        assertThat(column(id, "api_target")).isEqualTo("SANDBOX");

        update.putAll(secretsAgain());
        JsonObject changed = admin.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate");
        assertThat(codes(changed)).isEmpty();
        assertThat(changed.getJsonObject("account").getString("apiBaseUrl")).isEqualTo("https://api.weixin.qq.com");
        assertThat(column(id, "api_target")).isEqualTo("WECHAT");
        assertThat(column(id, "app_secret_enc")).isNotEqualTo(secretBefore);
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:5432,API_HOST_NOT_ALLOWED",
            "http://169.254.169.254/latest,API_HOST_NOT_ALLOWED",
            "https://evil.example,API_HOST_NOT_ALLOWED",
            "https://api.weixin.qq.com:8443,API_HOST_NOT_ALLOWED"
    })
    void secretsGoOnlyToHostsTheConfigurationAllows(String url, String code) throws Exception {
        Map<String, Object> input = Accounts.validInput();
        input.put("apiTarget", "WECHAT");
        input.put("apiBaseUrl", url);
        long before = countAccounts();
        JsonObject created = Accounts.create(admin, input);
        assertThat(codes(created)).containsExactly(code);
        assertThat(countAccounts()).isEqualTo(before);

        JsonObject a = Accounts.create(admin, Accounts.validInput()).getJsonObject("account");
        Map<String, Object> update = updateOf(a);
        update.put("apiTarget", "WECHAT");
        update.put("apiBaseUrl", url);
        update.putAll(secretsAgain());
        assertThat(codes(admin.data(Accounts.UPDATE, Map.of("i", update)).getJsonObject("accountUpdate"))).containsExactly(code);
        assertThat(column(a.getString("id"), "api_base_url")).isNull();
    }

    @Test
    void anOldRowPointingElsewhereGetsNoRequestAndTestConnectionClassifiesErrors() throws Exception {
        com.sun.net.httpserver.HttpServer listener = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        listener.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        try {
            Map<String, Object> input = Accounts.validInput();
            input.put("apiTarget", "WECHAT");
            String id = Accounts.create(admin, input).getJsonObject("account").getString("id");
            // a row written before the rules, or allowed by a configuration since changed
            setColumn(id, "api_base_url", "http://127.0.0.1:" + listener.getAddress().getPort());

            JsonObject test = admin.data(CONNECTION_TEST, Map.of("i", Map.of("accountId", id))).getJsonObject("weChatConnectionTest");
            assertThat(codes(test)).containsExactly("HOST_NOT_ALLOWED");
            assertThat(received).hasValue(0); // the mutation is synchronous: a request would have arrived by now

            // an allowed host that answers with an error: classified, never the raw exception
            setColumn(id, "api_base_url", base.toString().replaceAll("/$", "") + "/api/no-such-api");
            JsonObject http = admin.data(CONNECTION_TEST, Map.of("i", Map.of("accountId", id))).getJsonObject("weChatConnectionTest");
            assertThat(codes(http)).containsExactly("HTTP_ERROR");
            assertThat(http.getJsonArray("userErrors").getJsonObject(0).getString("message"))
                    .matches("The API host answered HTTP \\d{3}\\.");
        } finally {
            listener.stop(0);
        }
    }

    private static final String CONNECTION_TEST = "mutation($i: WeChatConnectionTestInput!) { weChatConnectionTest(input: $i) "
            + "{ connection { connected } userErrors { code field message } } }";

    private static Map<String, Object> secretsAgain() {
        return Map.of("appSecret", Accounts.hex(32), "token", "Tok" + Accounts.hex(8),
                "encodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    }

    private static void setColumn(String id, String column, String value) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("update accounts.official_account set " + column + " = ? where id = ?")) {
            s.setString(1, value);
            s.setObject(2, UUID.fromString(id));
            s.executeUpdate();
        }
    }

    private static Map<String, Object> updateOf(JsonObject a) {
        Map<String, Object> m = new HashMap<>();
        for (String f : List.of("id", "name", "originalId", "appId", "type", "encryptionMode", "apiTarget")) {
            m.put(f, a.getString(f));
        }
        m.put("verified", a.getBoolean("verified"));
        return m;
    }

    private static List<String> names(JsonObject connection) {
        return connection.getJsonArray("edges").stream()
                .map(e -> e.asJsonObject().getJsonObject("node").getString("name")).toList();
    }

    static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code")).toList();
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }

    private static long countAccounts() throws Exception {
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery("select count(*) from accounts.official_account")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String column(String id, String column) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select " + column + " from accounts.official_account where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}

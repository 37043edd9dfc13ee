package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The GraphQL HTTP edge: malformed requests get a 400 GraphQL error (not a 500 page), the
 * GraphQL-over-HTTP media type {@code application/graphql-response+json} is negotiated as the
 * spec's SHOULDs say (each audit id of graphql-http's auditServer is named), refusals are logged
 * as one line, and the cost limits (depth, complexity, WeChat fields per operation, WeChat read
 * cache) hold.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GraphQLEdgeIT {
    private static final String GQL_RESPONSE = "application/graphql-response+json";
    private static final String CATALOG = "templateCategoryCatalog(accountId: $a) { id }";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2, testable = false)
    static WebArchive fanmail() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    @OperateOnDeployment("fanmail")
    URL base;

    private FanmailClient admin() {
        return FanmailClient.signedInAdmin(base.toString().replaceAll("/$", ""));
    }

    /** A POST to /graphql with the CSRF header, the given content type (null: none) and Accept (null: none). */
    private static HttpResponse<String> post(FanmailClient client, String contentType, String accept, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri("/graphql")).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b);
    }

    private static HttpResponse<String> post(FanmailClient client, String accept, JsonObject body) {
        return post(client, "application/json", accept, body.toString());
    }

    private static JsonObject query(String query) {
        return Json.createObjectBuilder().add("query", query).build();
    }

    private static String contentType(HttpResponse<String> res) {
        return res.headers().firstValue("Content-Type").orElse("");
    }

    private static String firstCode(HttpResponse<String> res) {
        JsonObject body = FanmailClient.parse(res.body());
        assertThat(body.containsKey("errors")).as(res.body()).isTrue();
        return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    // ------------------------------------------------------------------ malformed requests

    @Test
    @OperateOnDeployment("fanmail")
    void malformedBodiesAreA400GraphQLErrorWithoutAStackTrace() throws IOException {
        FanmailClient admin = admin();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("[{\"query\":\"{ viewer { id } }\"}]", "BODY_NOT_AN_OBJECT");
        cases.put("{ \"not a JSON", "JSON_INVALID");
        cases.put("", "BODY_MISSING");
        cases.put("{}", "QUERY_MISSING");
        cases.put("{\"query\":\"\"}", "QUERY_MISSING");
        cases.put("{\"qeury\":\"{ __typename }\"}", "QUERY_MISSING");
        cases.put("{\"query\":42}", "PARAMETER_INVALID");
        cases.put("{\"query\":[\"{ __typename }\"]}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"variables\":\"{}\"}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"variables\":[]}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"operationName\":{}}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"operationName\":0}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"extensions\":\"x\"}", "PARAMETER_INVALID");
        cases.put("{\"query\":\"{ __typename }\",\"extensions\":false}", "PARAMETER_INVALID");
        long logStart = logSize();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            for (String accept : new String[] {"application/json", GQL_RESPONSE}) {
                HttpResponse<String> res = post(admin, "application/json", accept, c.getKey());
                assertThat(res.statusCode()).as(c.getKey() + " / " + accept).isEqualTo(400);
                assertThat(contentType(res)).as(c.getKey()).startsWith(accept);
                assertThat(firstCode(res)).as(c.getKey()).isEqualTo(c.getValue());
                assertThat(FanmailClient.parse(res.body()).getJsonArray("errors").getJsonObject(0).getString("message")).isNotBlank();
            }
        }
        // the same below /graphql/ (SmallRye's servlet answers there too)
        HttpResponse<String> below = admin.send(HttpRequest.newBuilder(admin.uri("/graphql/anything")).header("X-Fanmail-Csrf", "1")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{ \"not a JSON")));
        assertThat(below.statusCode()).isEqualTo(400);
        assertThat(firstCode(below)).isEqualTo("JSON_INVALID");

        String log = logSince(logStart);
        assertThat(log).doesNotContain("JsonParsingException", "ExecutionServlet", "Missing 'query'");
        assertThat(log.lines().filter(l -> l.contains(" ERROR ")).toList()).isEmpty();

        // null for every optional parameter is fine (audit 0220..0223 and 2EA1/428F: maps are fine too)
        JsonObject nulls = Json.createObjectBuilder().add("query", "{ __typename }").addNull("operationName").addNull("variables")
                .addNull("extensions").build();
        for (String accept : new String[] {"application/json", GQL_RESPONSE}) {
            HttpResponse<String> ok = post(admin, accept, nulls);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            JsonObject maps = Json.createObjectBuilder().add("query", "query Op { __typename }").add("operationName", "Op")
                    .add("variables", JsonObject.EMPTY_JSON_OBJECT).add("extensions", Json.createObjectBuilder().add("some", "value")).build();
            HttpResponse<String> withMaps = post(admin, accept, maps);
            assertThat(withMaps.statusCode()).as(withMaps.body()).isEqualTo(200);
            assertThat(FanmailClient.parse(withMaps.body()).containsKey("errors")).as(withMaps.body()).isFalse();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void wrongContentTypesAndMethodsAreGraphQLErrors() {
        FanmailClient admin = admin();
        HttpResponse<String> none = post(admin, null, null, query("{ __typename }").toString()); // audit 9ABE
        assertThat(none.statusCode()).isBetween(400, 499);
        assertThat(firstCode(none)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> form = post(admin, "application/x-www-form-urlencoded", null, "query=%7B__typename%7D");
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<String> getMutation = admin.send(HttpRequest.newBuilder(admin.uri("/graphql?query=mutation%20%7B%20__typename%20%7D"))
                .header("Accept", GQL_RESPONSE).GET()); // audit 9C48
        assertThat(getMutation.statusCode()).isBetween(400, 499);

        HttpResponse<String> unacceptable = post(admin, "application/json", "text/html", query("{ __typename }").toString());
        assertThat(unacceptable.statusCode()).isEqualTo(406);
        assertThat(firstCode(unacceptable)).isEqualTo("NOT_ACCEPTABLE");
    }

    // ------------------------------------------------------------------ media types (graphql-http audit SHOULDs)

    @Test
    @OperateOnDeployment("fanmail")
    void graphqlResponseJsonIsNegotiatedAndRequestErrorsAre400() {
        FanmailClient admin = admin();
        JsonObject typename = query("{ __typename }");

        HttpResponse<String> gql = post(admin, GQL_RESPONSE, typename); // 22EB, 34A2
        assertThat(gql.statusCode()).isEqualTo(200);
        assertThat(contentType(gql)).startsWith(GQL_RESPONSE).containsIgnoringCase("charset=utf-8");
        HttpResponse<String> json = post(admin, "application/json", typename); // 4655
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(contentType(json)).startsWith("application/json");
        HttpResponse<String> any = post(admin, "*/*", typename); // 47DE
        assertThat(any.statusCode()).isEqualTo(200);
        assertThat(contentType(any)).startsWith("application/json");
        HttpResponse<String> missing = post(admin, null, typename); // 80D8
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(contentType(missing)).startsWith("application/json");
        HttpResponse<String> preferred = post(admin, GQL_RESPONSE + ", application/json;q=0.9", typename);
        assertThat(contentType(preferred)).startsWith(GQL_RESPONSE);
        HttpResponse<String> legacyPreferred = post(admin, GQL_RESPONSE + ";q=0.5, application/json", typename);
        assertThat(contentType(legacyPreferred)).startsWith("application/json");

        // JSON parse failure: 400 under both (BCF8, B7N8)
        assertThat(post(admin, "application/json", "application/json", "{ \"not a JSON").statusCode()).isEqualTo(400);
        assertThat(post(admin, "application/json", GQL_RESPONSE, "{ \"not a JSON").statusCode()).isEqualTo(400);
        // invalid parameters: 400 (3E3A)
        assertThat(post(admin, "application/json", null, "{\"qeury\":\"{ __typename }\"}").statusCode()).isEqualTo(400);

        JsonObject unparsable = query("{");
        JsonObject invalid = query("{ 8f31403dfe404bccbb0e835f2629c6a7 }");
        JsonObject uncoercible = Json.createObjectBuilder().add("query", "query CoerceFailure($id: ID!){ __typename }")
                .add("variables", Json.createObjectBuilder().addNull("id")).build();
        for (JsonObject requestError : List.of(unparsable, invalid, uncoercible)) {
            // application/json keeps 200 (572B, FDE2, 7B9B)
            HttpResponse<String> legacy = post(admin, "application/json", requestError);
            assertThat(legacy.statusCode()).as(requestError.toString()).isEqualTo(200);
            assertThat(FanmailClient.parse(legacy.body()).containsKey("errors")).isTrue();
            // the new type: 400 and no data entry (865D, 556A, D586, 51FE, 74FF, 5E5B, 86EE)
            HttpResponse<String> strict = post(admin, GQL_RESPONSE, requestError);
            assertThat(strict.statusCode()).as(requestError + " " + strict.body()).isEqualTo(400);
            assertThat(contentType(strict)).startsWith(GQL_RESPONSE);
            JsonObject body = FanmailClient.parse(strict.body());
            assertThat(body.containsKey("data")).as(strict.body()).isFalse();
            assertThat(body.getJsonArray("errors")).isNotEmpty();
        }

        // a field error is not a request error: the data entry is there and the status stays 200
        HttpResponse<String> fieldError = post(admin, GQL_RESPONSE, query("{ template(id: \"not-a-uuid\") { id } }"));
        assertThat(fieldError.statusCode()).as(fieldError.body()).isEqualTo(200);
        assertThat(FanmailClient.parse(fieldError.body()).containsKey("data")).isTrue();
    }

    /**
     * graphql-http's own audit (Node), opt-in: {@code -Dfanmail.it.graphql-http-audit=true} after
     * {@code npm install} in src/test/graphql-http-audit. Fails on any MUST or SHOULD.
     */
    @Test
    @OperateOnDeployment("fanmail")
    @EnabledIfSystemProperty(named = "fanmail.it.graphql-http-audit", matches = "true")
    void graphqlHttpAuditPassesEveryMustAndShould() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "audit.mjs").directory(Path.of("src/test/graphql-http-audit").toFile())
                .redirectErrorStream(true);
        pb.environment().put("FANMAIL_URL", base.toString());
        pb.environment().put("FANMAIL_ADMIN_PASSWORD", TestServer.adminPassword());
        Process node = pb.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(node.waitFor()).as(output).isZero();
    }

    // ------------------------------------------------------------------ logging of refusals

    @Test
    @OperateOnDeployment("fanmail")
    void aRoleRefusalIsOneLogLineWithoutAStackTrace() throws IOException {
        FanmailClient admin = admin();
        String name = "refused-" + Accounts.hex(8);
        Users.create(admin, name, "long-enough-pw-1", "VIEWER");
        FanmailClient viewer = new FanmailClient(base.toString().replaceAll("/$", ""));
        assertThat(viewer.signIn(name, "long-enough-pw-1").statusCode()).isEqualTo(200);
        long logStart = logSize();
        HttpResponse<String> refused = viewer.graphqlRaw("{ users { totalCount } }", null);
        assertThat(firstCode(refused)).isEqualTo("FORBIDDEN");

        String log = logSince(logStart);
        List<String> lines = log.lines().filter(l -> l.contains(name)).toList();
        assertThat(lines).as(log).hasSize(1);
        assertThat(lines.get(0)).contains("WARN", "refused", "ForbiddenException", "users");
        assertThat(log).doesNotContain("RequiresRoleInterceptor", "SRGQL");
    }

    // ------------------------------------------------------------------ cost limits

    @Test
    @OperateOnDeployment("fanmail")
    void fiveHundredAliasesAreRefusedBeforeAnythingRuns() {
        FanmailClient admin = admin();
        JsonObject variables = Json.createObjectBuilder().add("a", "00000000-0000-0000-0000-000000000000").build();
        for (int count : new int[] {200, 500}) {
            String aliases = IntStream.range(0, count).mapToObj(i -> "a" + i + ": " + CATALOG).collect(Collectors.joining(" "));
            JsonObject request = Json.createObjectBuilder().add("query", "query($a: ID!) { " + aliases + " }").add("variables", variables).build();
            HttpResponse<String> res = post(admin, GQL_RESPONSE, request);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
            assertThat(FanmailClient.parse(res.body()).containsKey("data")).isFalse();
            // 200 aliases are 2,200 tokens but complexity 400; 500 aliases are past the 5,000 tokens already
            assertThat(firstCode(res)).as(res.body()).isEqualTo(count == 200 ? "QUERY_TOO_COMPLEX" : "QUERY_TOO_LONG");
        }

        String deep = "name " + "ofType { name ".repeat(20) + "}".repeat(20);
        HttpResponse<String> tooDeep = post(admin, "application/json", query("{ __schema { types { fields { type { " + deep + " } } } } }"));
        assertThat(tooDeep.statusCode()).isEqualTo(200);
        assertThat(firstCode(tooDeep)).as(tooDeep.body()).isEqualTo("QUERY_TOO_DEEP");

        HttpResponse<String> tooLong = post(admin, "application/json", query("{ " + "__typename ".repeat(6000) + "}"));
        assertThat(firstCode(tooLong)).as(tooLong.body()).isEqualTo("QUERY_TOO_LONG");

        HttpResponse<String> syntax = post(admin, "application/json", query("{ viewer { id }"));
        assertThat(firstCode(syntax)).as(syntax.body()).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(FanmailClient.parse(syntax.body()).getJsonArray("errors").getJsonObject(0).getString("message")).contains("line 1");
        HttpResponse<String> invalid = post(admin, "application/json", query("{ noSuchField }"));
        assertThat(firstCode(invalid)).as(invalid.body()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void graphiqlsIntrospectionStillWorks() throws IOException {
        String introspection = Files.readString(Path.of("src/test/resources/graphql/introspection-query.graphql"));
        HttpResponse<String> res = post(admin(), "application/json", query(introspection));
        assertThat(res.statusCode()).isEqualTo(200);
        JsonObject body = FanmailClient.parse(res.body());
        assertThat(body.containsKey("errors")).as(res.body().substring(0, Math.min(500, res.body().length()))).isFalse();
        assertThat(body.getJsonObject("data").getJsonObject("__schema").getJsonArray("types")).isNotEmpty();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void oneOperationAsksWeChatForAtMostThreeFields() throws Exception {
        FanmailClient admin = admin();
        String account = templatesAccount(admin).id();
        JsonObject three = admin.data("query($a: ID!) { a: " + CATALOG + " b: " + CATALOG + " c: " + CATALOG + " }", Map.of("a", account));
        assertThat(three.getJsonArray("c")).isNotEmpty();

        // the fourth WeChat field is refused before it runs (its type is non-null, so data is null as a whole)
        JsonObject four = admin.graphql("query($a: ID!) { a: " + CATALOG + " b: " + CATALOG + " c: " + CATALOG + " d: "
                + "templateSetup(accountId: $a) { eligible } industryCatalog { id } }", Map.of("a", account));
        assertThat(four.isNull("data")).as(four.toString()).isTrue();
        assertThat(four.getJsonArray("errors")).hasSize(1);
        JsonObject error = four.getJsonArray("errors").getJsonObject(0);
        assertThat(error.getJsonObject("extensions").getString("code")).isEqualTo("WECHAT_CALL_BUDGET_EXCEEDED");
        assertThat(error.getJsonArray("path").getString(0)).isEqualTo("d");
        assertThat(error.getString("message")).contains("at most 3");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void theCategoryCatalogueIsRememberedUntilFanmailChangesTheSetup() throws Exception {
        FanmailClient admin = admin();
        TemplatesAccount acc = templatesAccount(admin);
        String catalog = "query($a: ID!) { " + CATALOG + " }";
        assertThat(admin.data(catalog, Map.of("a", acc.id())).getJsonArray("templateCategoryCatalog")).isNotEmpty();

        // WeChat now fails every catalogue call: the remembered answer is still served
        control().post("/_sandbox/accounts/" + acc.appId() + "/faults",
                Json.createObjectBuilder().add("errorRate", 1).add("apis", Json.createArrayBuilder().add("getallcategories")).build());
        assertThat(admin.data(catalog, Map.of("a", acc.id())).getJsonArray("templateCategoryCatalog")).isNotEmpty();

        // Fanmail changes the account's industries: the account's answers are forgotten, WeChat is asked (and fails)
        Map<String, Object> industries = new HashMap<>();
        industries.put("accountId", acc.id());
        industries.put("primaryIndustryId", 1);
        industries.put("secondaryIndustryId", 2);
        JsonObject set = admin.data("mutation($i: TemplateIndustriesSetInput!) { templateIndustriesSet(input: $i) { userErrors { code } } }",
                Map.of("i", industries)).getJsonObject("templateIndustriesSet");
        assertThat(set.getJsonArray("userErrors")).as(set.toString()).isEmpty();
        JsonObject after = admin.graphql(catalog, Map.of("a", acc.id()));
        assertThat(after.containsKey("errors")).as(after.toString()).isTrue();
    }

    record TemplatesAccount(String id, String appId) {
    }

    private TemplatesAccount templatesAccount(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        TemplatesAccount acc = new TemplatesAccount(created.getJsonObject("account").getString("id"), (String) input.get("appId"));
        SandboxPushesIT.awaitMirrored(control(), acc.appId());
        return acc;
    }

    private SandboxControlClient control() {
        return new SandboxControlClient(base.toString().replaceAll("/$", "") + "/wechat-sandbox");
    }

    // ------------------------------------------------------------------ server.log

    private static Path serverLog() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    }

    private static long logSize() throws IOException {
        return Files.size(serverLog());
    }

    private static String logSince(long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(serverLog().toFile(), "r")) {
            long length = f.length();
            if (length < offset) {
                offset = 0; // rotated
            }
            byte[] bytes = new byte[(int) (length - offset)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * News drafts end to end against the sandbox: create, read, update with the same and with another article count, delete;
 * article images uploaded over REST (deduplicated, served from Fanmail's copy) and inline (Fanmail's own, pasted data:
 * images); the content sanitised as stored and sent; bad input refused with nothing stored; viewers read only; a sync
 * picks up drafts added on WeChat directly and drops those deleted there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DraftsIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String DRAFT = " id accountId mediaId title createdAt createdBy updatedAt updatedBy wechatUpdatedAt "
            + "articles { title author digest content contentSourceUrl coverMediaId cover { id kind } openComment onlyFansCanComment } ";
    private static final String CREATE = "mutation($i: DraftCreateInput!) { draftCreate(input: $i) { draft {" + DRAFT + "}" + ERRORS + "} }";
    private static final String UPDATE = "mutation($i: DraftUpdateInput!) { draftUpdate(input: $i) { draft {" + DRAFT + "}" + ERRORS + "} }";
    private static final String DELETE = "mutation($i: DraftDeleteInput!) { draftDelete(input: $i) { deletedDraftId" + ERRORS + "} }";
    private static final String SYNC = "mutation($i: DraftSyncInput!) { draftSync(input: $i) { listed added removed" + ERRORS + "} }";
    private static final String GET = "query($id: ID!) { draft(id: $id) {" + DRAFT + "} }";
    private static final String LIST = "query($a: ID!, $s: String, $f: Int, $after: String) { drafts(accountId: $a, search: $s, first: $f, after: $after) "
            + "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title mediaId } } } }";
    private static final Pattern OWN_IMAGE = Pattern.compile("/api/materials/article-images/([0-9a-f-]{36})");

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

    record Acc(String id, String appId, String appSecret) {
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aDraftRoundTripsThroughWeChatWithItsImagesAndSanitisedContent() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        JsonObject cover = material(admin, acc.id(), png(64, 48, 0xFF3366CC));
        WeChat wechat = new WeChat(acc);

        // an article image over REST: 201 with Fanmail's URL and WeChat's; the same bytes again are the same image
        byte[] inline = png(30, 20, 0xFF00AA00);
        HttpResponse<String> up = articleImage(admin, acc.id(), inline);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonObject image = FanmailClient.parse(up.body());
        String imageId = image.getString("id");
        assertThat(image.getString("url")).isEqualTo("/api/materials/article-images/" + imageId);
        assertThat(image.getString("wechatUrl")).startsWith("http://mmbiz.qpic.cn/");
        JsonObject again = FanmailClient.parse(articleImage(admin, acc.id(), inline).body());
        assertThat(again.getString("id")).isEqualTo(imageId);
        assertThat(again.getString("wechatUrl")).isEqualTo(image.getString("wechatUrl"));
        assertThat(count("select count(*) from materials.article_image where account_id = ?", acc.id())).isEqualTo(1);
        HttpResponse<byte[]> served = bytes(admin, image.getString("url"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(inline);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(served.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(served.headers().firstValue("ETag")).isPresent();

        // create: Fanmail's image, a pasted data: image, and markup to sanitise
        byte[] pasted = png(12, 12, 0xFFCC0000);
        String content = "<p onclick=\"steal()\" style=\"color: red; background: url(https://evil.example/t.gif)\">Hello<script>alert(1)</script></p>"
                + "<img src=\"" + image.getString("url") + "\" onerror=\"steal()\">"
                + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(pasted) + "\">"
                + "<a href=\"javascript:alert(1)\">bad link</a><iframe src=\"https://evil.example\"></iframe>";
        JsonObject created = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("Spring news", content, cover.getString("id")))))).getJsonObject("draftCreate");
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        JsonObject draft = created.getJsonObject("draft");
        String id = draft.getString("id");
        String mediaId = draft.getString("mediaId");
        assertThat(draft.getString("title")).isEqualTo("Spring news");
        assertThat(draft.getString("createdBy")).isEqualTo("admin");
        JsonObject a0 = draft.getJsonArray("articles").getJsonObject(0);
        assertThat(a0.getString("coverMediaId")).isEqualTo(cover.getString("mediaId"));
        assertThat(a0.getJsonObject("cover").getString("id")).isEqualTo(cover.getString("id"));
        String display = a0.getString("content");
        assertThat(display).contains("<p style=\"color: red\">Hello</p>", "<a>bad link</a>", "<img src=\"" + image.getString("url") + "\">");
        assertThat(display.toLowerCase()).doesNotContain("script", "onclick", "onerror", "javascript", "url(", "data:", "iframe", "evil.example");
        List<String> ownImages = ownImages(display);
        assertThat(ownImages).hasSize(2).contains(imageId);
        String pastedId = ownImages.get(1);
        assertThat(bytes(admin, "/api/materials/article-images/" + pastedId).body()).isEqualTo(pasted);

        // stored and sent in WeChat form: WeChat's image URLs, the same sanitised markup
        String stored = storedArticles(id);
        assertThat(stored).contains(image.getString("wechatUrl")).doesNotContain("/api/materials", "script", "onclick", "javascript", "url(");
        JsonObject onWeChat = wechat.call("cgi-bin/draft/get", Json.createObjectBuilder().add("media_id", mediaId).build())
                .getJsonArray("news_item").getJsonObject(0);
        assertThat(onWeChat.getString("title")).isEqualTo("Spring news");
        assertThat(onWeChat.getString("thumb_media_id")).isEqualTo(cover.getString("mediaId"));
        assertThat(onWeChat.getString("content")).contains(image.getString("wechatUrl")).doesNotContain("/api/materials", "script", "onclick");

        // read back: one draft, listed
        assertThat(admin.data(GET, Map.of("id", id)).getJsonObject("draft").getJsonArray("articles").getJsonObject(0).getString("content"))
                .isEqualTo(display);
        JsonObject list = admin.data(LIST, Map.of("a", acc.id())).getJsonObject("drafts");
        assertThat(list.getInt("totalCount")).isEqualTo(1);
        assertThat(list.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id")).isEqualTo(id);
        assertThat(admin.data(LIST, Map.of("a", acc.id(), "s", "SPRING")).getJsonObject("drafts").getInt("totalCount")).isEqualTo(1);
        assertThat(admin.data(LIST, Map.of("a", acc.id(), "s", "autumn")).getJsonObject("drafts").getInt("totalCount")).isZero();

        // update, same count: the display form sent back as it is, a new title; the media id stays
        JsonObject updated = admin.data(UPDATE, Map.of("i", Map.of("id", id, "articles",
                List.of(article("Spring news, revised", display, cover.getString("id")))))).getJsonObject("draftUpdate");
        assertThat(updated.getJsonArray("userErrors")).as(updated.toString()).isEmpty();
        assertThat(updated.getJsonObject("draft").getString("mediaId")).isEqualTo(mediaId);
        assertThat(updated.getJsonObject("draft").getString("title")).isEqualTo("Spring news, revised");
        assertThat(updated.getJsonObject("draft").getJsonArray("articles").getJsonObject(0).getString("content")).isEqualTo(display);
        assertThat(storedArticles(id)).isEqualTo(stored.replace("Spring news", "Spring news, revised"));
        assertThat(wechat.call("cgi-bin/draft/get", Json.createObjectBuilder().add("media_id", mediaId).build())
                .getJsonArray("news_item").getJsonObject(0).getString("title")).isEqualTo("Spring news, revised");

        // update, another count: a new draft on WeChat replaces the old one, Fanmail's id stays
        JsonObject grown = admin.data(UPDATE, Map.of("i", Map.of("id", id, "articles",
                List.of(article("Spring news, revised", display, cover.getString("id")), article("Second", "<p>two</p>", cover.getString("id"))))))
                .getJsonObject("draftUpdate");
        assertThat(grown.getJsonArray("userErrors")).as(grown.toString()).isEmpty();
        String newMediaId = grown.getJsonObject("draft").getString("mediaId");
        assertThat(grown.getJsonObject("draft").getString("id")).isEqualTo(id);
        assertThat(newMediaId).isNotEqualTo(mediaId);
        assertThat(grown.getJsonObject("draft").getJsonArray("articles")).hasSize(2);
        assertThat(wechat.raw("cgi-bin/draft/get", Json.createObjectBuilder().add("media_id", mediaId).build()).getInt("errcode", 0)).isEqualTo(40007);
        assertThat(wechat.call("cgi-bin/draft/get", Json.createObjectBuilder().add("media_id", newMediaId).build()).getJsonArray("news_item"))
                .hasSize(2);
        assertThat(wechat.call("cgi-bin/draft/count", JsonValue.EMPTY_JSON_OBJECT).getInt("total_count")).isEqualTo(1);

        // delete: gone on WeChat and in Fanmail
        JsonObject deleted = admin.data(DELETE, Map.of("i", Map.of("id", id))).getJsonObject("draftDelete");
        assertThat(deleted.getString("deletedDraftId")).isEqualTo(id);
        assertThat(admin.data(GET, Map.of("id", id)).isNull("draft")).isTrue();
        assertThat(wechat.call("cgi-bin/draft/count", JsonValue.EMPTY_JSON_OBJECT).getInt("total_count")).isZero();
        assertThat(count("select count(*) from materials.draft where account_id = ?", acc.id())).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void badInputIsRefusedBeforeWeChatWithNothingStored() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        JsonObject cover = material(admin, acc.id(), png(40, 40, 0xFF000000));
        WeChat wechat = new WeChat(acc);

        JsonObject refused = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles", List.of(
                article("x".repeat(33), "<p>fine</p>", UUID.randomUUID().toString()),
                article("  ", "<script>only a script</script>", cover.getString("id")))))).getJsonObject("draftCreate");
        assertThat(refused.isNull("draft")).isTrue();
        Map<String, String> errors = new HashMap<>();
        for (JsonValue e : refused.getJsonArray("userErrors")) {
            errors.put(e.asJsonObject().getString("field"), e.asJsonObject().getString("code"));
        }
        assertThat(errors).containsEntry("articles.0.title", "TITLE_TOO_LONG").containsEntry("articles.0.coverMaterialId", "COVER_INVALID")
                .containsEntry("articles.1.title", "TITLE_REQUIRED").containsEntry("articles.1.content", "CONTENT_REQUIRED");

        // a cover of another account is no cover here
        Acc other = account(admin);
        JsonObject foreign = material(admin, other.id(), png(40, 40, 0xFF0000FF));
        JsonObject notMine = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("Title", "<p>text</p>", foreign.getString("id")))))).getJsonObject("draftCreate");
        assertThat(notMine.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("COVER_INVALID");

        // an image the server would have to fetch from an internal address
        JsonObject internal = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("Title", "<p>x</p><img src=\"http://127.0.0.1:" + base.getPort() + "/favicon.ico\">", cover.getString("id"))))))
                .getJsonObject("draftCreate");
        assertThat(internal.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("IMAGE_ADDRESS_REFUSED");
        assertThat(internal.getJsonArray("userErrors").getJsonObject(0).getString("field")).isEqualTo("articles.0.content");

        assertThat(count("select count(*) from materials.draft where account_id = ?", acc.id())).isZero();
        assertThat(wechat.call("cgi-bin/draft/count", JsonValue.EMPTY_JSON_OBJECT).getInt("total_count")).isZero();

        // an article image that is not jpg/png
        HttpResponse<String> gif = articleImage(admin, acc.id(), "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(gif.statusCode()).isEqualTo(400);
        assertThat(gif.body()).contains("FORMAT_NOT_ALLOWED");
        assertThat(count("select count(*) from materials.article_image where account_id = ?", acc.id())).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void anArticleImageOverWeChatsLimitIsReencodedToFit() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        byte[] noise = noisePng(900, 900);
        assertThat(noise.length).isGreaterThan(1 << 20);
        HttpResponse<String> up = articleImage(admin, acc.id(), noise);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        HttpResponse<byte[]> served = bytes(admin, FanmailClient.parse(up.body()).getString("url"));
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(served.body().length).isLessThanOrEqualTo(1 << 20);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(served.body())).getWidth()).isPositive();
        // the same original again: the same image, not a second upload
        assertThat(FanmailClient.parse(articleImage(admin, acc.id(), noise).body()).getString("id"))
                .isEqualTo(FanmailClient.parse(up.body()).getString("id"));

        HttpResponse<String> tooLarge = articleImage(admin, acc.id(), new byte[(10 << 20) + 1]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(count("select count(*) from materials.article_image where account_id = ?", acc.id())).isEqualTo(1);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void viewersReadButDoNotWrite() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        JsonObject cover = material(admin, acc.id(), png(40, 40, 0xFF777777));
        JsonObject created = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("Visible", "<p>text</p>", cover.getString("id")))))).getJsonObject("draftCreate");
        String id = created.getJsonObject("draft").getString("id");
        String imageUrl = FanmailClient.parse(articleImage(admin, acc.id(), png(8, 8, 0xFF123456)).body()).getString("url");

        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        assertThat(viewer.data(GET, Map.of("id", id)).getJsonObject("draft").getString("title")).isEqualTo("Visible");
        assertThat(viewer.data(LIST, Map.of("a", acc.id())).getJsonObject("drafts").getInt("totalCount")).isEqualTo(1);
        assertThat(bytes(viewer, imageUrl).statusCode()).isEqualTo(200);

        assertThat(viewer.graphql(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("No", "<p>no</p>", cover.getString("id")))))).toString()).contains("FORBIDDEN");
        assertThat(viewer.graphql(DELETE, Map.of("i", Map.of("id", id))).toString()).contains("FORBIDDEN");
        assertThat(viewer.graphql(SYNC, Map.of("i", Map.of("accountId", acc.id()))).toString()).contains("FORBIDDEN");
        HttpResponse<String> upload = articleImage(viewer, acc.id(), png(8, 8, 0xFF654321));
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from materials.draft where account_id = ?", acc.id())).isEqualTo(1);
        assertThat(new FanmailClient(base.toString()).send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + imageUrl)).GET())
                .statusCode()).isEqualTo(401);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aSyncPicksUpDraftsAddedOnWeChatAndDropsThoseDeletedThere() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        JsonObject cover = material(admin, acc.id(), png(40, 40, 0xFF999999));
        WeChat wechat = new WeChat(acc);
        JsonObject mine = admin.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "articles",
                List.of(article("Made in Fanmail", "<p>one</p>", cover.getString("id")))))).getJsonObject("draftCreate").getJsonObject("draft");

        // another admin adds a draft in WeChat's back office
        String direct = wechat.call("cgi-bin/draft/add", Json.createObjectBuilder().add("articles", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("title", "Made on WeChat").add("content", "<p>two<script>x()</script></p>").add("thumb_media_id", cover.getString("mediaId")))).build())
                .getString("media_id");

        JsonObject first = admin.data(SYNC, Map.of("i", Map.of("accountId", acc.id()))).getJsonObject("draftSync");
        assertThat(first.getJsonArray("userErrors")).isEmpty();
        assertThat(List.of(first.getInt("listed"), first.getInt("added"), first.getInt("removed"))).containsExactly(2, 1, 0);
        JsonArray edges = admin.data(LIST, Map.of("a", acc.id())).getJsonObject("drafts").getJsonArray("edges");
        assertThat(edges).hasSize(2);
        JsonObject synced = edges.stream().map(e -> e.asJsonObject().getJsonObject("node")).filter(n -> n.getString("mediaId").equals(direct))
                .findFirst().orElseThrow();
        JsonObject read = admin.data(GET, Map.of("id", synced.getString("id"))).getJsonObject("draft");
        assertThat(read.getString("title")).isEqualTo("Made on WeChat");
        assertThat(read.isNull("createdBy")).isTrue();
        assertThat(read.isNull("wechatUpdatedAt")).isFalse();
        assertThat(read.getJsonArray("articles").getJsonObject(0).getString("content")).isEqualTo("<p>two</p>");
        assertThat(read.getJsonArray("articles").getJsonObject(0).getJsonObject("cover").getString("id")).isEqualTo(cover.getString("id"));

        // paging over the two
        JsonObject page1 = admin.data(LIST, Map.of("a", acc.id(), "f", 1)).getJsonObject("drafts");
        assertThat(page1.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
        JsonObject page2 = admin.data(LIST, Map.of("a", acc.id(), "f", 1, "after", page1.getJsonObject("pageInfo").getString("endCursor")))
                .getJsonObject("drafts");
        assertThat(page2.getJsonObject("pageInfo").getBoolean("hasNextPage")).isFalse();
        assertThat(page2.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"))
                .isNotEqualTo(page1.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"));

        // deleted on WeChat: the next sync removes it
        wechat.call("cgi-bin/draft/delete", Json.createObjectBuilder().add("media_id", mine.getString("mediaId")).build());
        JsonObject second = admin.data(SYNC, Map.of("i", Map.of("accountId", acc.id()))).getJsonObject("draftSync");
        assertThat(List.of(second.getInt("listed"), second.getInt("added"), second.getInt("removed"))).containsExactly(1, 0, 1);
        assertThat(admin.data(GET, Map.of("id", mine.getString("id"))).isNull("draft")).isTrue();
    }

    // --- helpers

    private Acc account(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"), (String) input.get("appSecret"));
        SandboxPushesIT.awaitMirrored(new SandboxControlClient(sandboxBase()), acc.appId());
        return acc;
    }

    private static Map<String, Object> article(String title, String content, String coverMaterialId) {
        Map<String, Object> a = new HashMap<>();
        a.put("title", title);
        a.put("content", content);
        a.put("coverMaterialId", coverMaterialId);
        a.put("author", "Li");
        a.put("openComment", true);
        return a;
    }

    /** A PNG of one colour with a random pixel, so every call gives new bytes. */
    static byte[] png(int w, int h, int argb) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, argb);
            }
        }
        img.setRGB(0, 0, ThreadLocalRandom.current().nextInt() | 0xFF000000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static byte[] noisePng(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Uploads an IMAGE material; returns {id, mediaId}. */
    private static JsonObject material(FanmailClient client, String accountId, byte[] png) {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(client.uri("/api/materials/uploads?accountId=" + accountId
                        + "&kind=IMAGE&name=" + URLEncoder.encode("cover.png", StandardCharsets.UTF_8))).version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "image/png").header("X-Fanmail-Csrf", "1").POST(HttpRequest.BodyPublishers.ofByteArray(png)));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return FanmailClient.parse(res.body());
    }

    private static HttpResponse<String> articleImage(FanmailClient client, String accountId, byte[] bytes) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/materials/article-images?accountId=" + accountId))
                .version(HttpClient.Version.HTTP_1_1).header("Content-Type", "application/octet-stream").header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static HttpResponse<byte[]> bytes(FanmailClient client, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(client.uri(path)).header("Cookie", client.cookieHeader()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> ownImages(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = OWN_IMAGE.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"), System.getProperty("fanmail.test.db.user"),
                System.getProperty("fanmail.test.db.password"));
    }

    private static long count(String sql, String accountId) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(accountId));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String storedArticles(String draftId) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select articles::text from materials.draft where id = ?")) {
            s.setObject(1, UUID.fromString(draftId));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    /** The sandbox's WeChat API called directly, as another admin of the account would in WeChat's back office. */
    private final class WeChat {
        private final Acc acc;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String token;

        WeChat(Acc acc) {
            this.acc = acc;
        }

        JsonObject call(String path, JsonObject body) throws Exception {
            JsonObject res = raw(path, body);
            assertThat(res.getInt("errcode", 0)).as(res.toString()).isZero();
            return res;
        }

        JsonObject raw(String path, JsonObject body) throws Exception {
            if (token == null) {
                token = post("cgi-bin/stable_token?appid=" + acc.appId(), Json.createObjectBuilder().add("grant_type", "client_credential")
                        .add("appid", acc.appId()).add("secret", acc.appSecret()).build()).getString("access_token");
            }
            return post(path + "?access_token=" + token, body);
        }

        private JsonObject post(String path, JsonObject body) throws Exception {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/" + path))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        }
    }
}

package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The materials library end to end (issue 13): uploads over REST checked against WeChat's rules from the bytes (format,
 * size, voice duration, video title, library cap), Fanmail's copies and previews served to signed-in users, sync with
 * WeChat (what WeChat lists comes back, what it no longer lists goes), delete on WeChat and in Fanmail, and who may do what.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MaterialsIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String FIELDS = "id kind mediaId name wechatUrl contentType byteSize durationMillis width height origin previewState "
            + "fileUrl previewUrl videoTitle createdBy";
    private static final String LIST = "query($a: ID!, $k: MaterialKind!, $s: String) { materials(accountId: $a, kind: $k, search: $s) "
            + "{ totalCount edges { node { " + FIELDS + " } } } }";

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

    static HttpResponse<String> upload(FanmailClient client, String accountId, String kind, String name, String extra, byte[] body) {
        return client.send(HttpRequest.newBuilder(client.uri("/api/materials/uploads?accountId=" + accountId + "&kind=" + kind + "&name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8) + (extra == null ? "" : extra)))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).header("Content-Type", "application/octet-stream").header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static HttpResponse<byte[]> get(FanmailClient client, String path, String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri(path)).GET();
        if (range != null) {
            b.header("Range", range);
        }
        if (client.cookieHeader() != null && !client.cookieHeader().isEmpty()) {
            b.header("Cookie", client.cookieHeader());
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new SANDBOX account, once Fanmail has mirrored it into the sandbox (it does so after the commit, asynchronously). */
    String account(FanmailClient admin) throws Exception {
        Callbacks.Account acc = Callbacks.create(admin, "PLAIN");
        SandboxPushesIT.awaitMirrored(new SandboxControlClient(base.toString().replaceAll("/$", "") + "/wechat-sandbox"), acc.appId());
        return acc.id();
    }

    /** Uploads and expects it stored (the answer in the failure message otherwise). */
    static JsonObject uploaded(FanmailClient client, String accountId, String kind, String name, byte[] body) {
        HttpResponse<String> res = upload(client, accountId, kind, name, null, body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return FanmailClient.parse(res.body());
    }

    static List<JsonObject> list(FanmailClient client, String account, String kind) {
        return client.data(LIST, Map.of("a", account, "k", kind)).getJsonObject("materials").getJsonArray("edges").stream()
                .map(e -> e.asJsonObject().getJsonObject("node")).toList();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"), System.getProperty("fanmail.test.db.user"),
                System.getProperty("fanmail.test.db.password"));
    }

    static void sql(String statement, Object... params) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void everyKindIsCheckedUploadedAndShownFromFanmailsCopy() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        String account = account(admin);

        // an image: stored with its preview, WeChat's URL kept, the original served byte for byte
        byte[] png = MaterialFiles.image("png", 800, 600);
        HttpResponse<String> res = upload(admin, account, "IMAGE", "春季海报.png", null, png);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        JsonObject created = FanmailClient.parse(res.body());
        JsonObject image = admin.data("query($id: ID!) { material(id: $id) { " + FIELDS + " } }", Map.of("id", created.getString("id")))
                .getJsonObject("material");
        assertThat(image.getString("name")).isEqualTo("春季海报.png");
        assertThat(image.getString("kind")).isEqualTo("IMAGE");
        assertThat(image.getString("mediaId")).isEqualTo(created.getString("mediaId")).isNotBlank();
        assertThat(image.getString("wechatUrl")).startsWith("http");
        assertThat(image.getString("contentType")).isEqualTo("image/png");
        assertThat(image.getString("byteSize")).isEqualTo(Integer.toString(png.length));
        assertThat(List.of(image.getInt("width"), image.getInt("height"))).containsExactly(800, 600);
        assertThat(image.getString("origin")).isEqualTo("UPLOADED");
        assertThat(image.getString("previewState")).isEqualTo("READY");
        assertThat(image.getString("createdBy")).isEqualTo("admin");
        HttpResponse<byte[]> file = get(admin, image.getString("fileUrl"), null);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body())).isEqualTo(sha256(png));
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        HttpResponse<byte[]> part = get(admin, image.getString("fileUrl"), "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + png.length);
        HttpResponse<byte[]> preview = get(admin, image.getString("previewUrl"), null);
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        var small = ImageIO.read(new ByteArrayInputStream(preview.body()));
        assertThat(List.of(small.getWidth(), small.getHeight())).containsExactly(360, 270);

        // voice: amr and mp3 only, 60 seconds at most, counted from the frames
        res = upload(admin, account, "VOICE", "欢迎语", null, MaterialFiles.amr(12_340));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        JsonObject voice = list(admin, account, "VOICE").get(0);
        assertThat(voice.getInt("durationMillis")).isEqualTo(12_340);
        assertThat(voice.getString("contentType")).isEqualTo("audio/amr");
        assertThat(voice.isNull("previewUrl")).isTrue();
        res = upload(admin, account, "VOICE", "too long", null, MaterialFiles.amr(60_020));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(FanmailClient.parse(res.body()).getString("code")).isEqualTo("VOICE_TOO_LONG");
        res = upload(admin, account, "VOICE", "a picture", null, png);
        assertThat(FanmailClient.parse(res.body()).getString("code")).isEqualTo("FORMAT_NOT_ALLOWED");

        // video: mp4 with a title
        res = upload(admin, account, "VIDEO", "发布会", null, MaterialFiles.mp4(4096));
        assertThat(FanmailClient.parse(res.body()).getString("code")).isEqualTo("VIDEO_TITLE_REQUIRED");
        res = upload(admin, account, "VIDEO", "发布会", "&title=" + URLEncoder.encode("新品发布会", StandardCharsets.UTF_8) + "&description=2026", MaterialFiles.mp4(4096));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(list(admin, account, "VIDEO").get(0).getString("videoTitle")).isEqualTo("新品发布会");

        // thumbnails: jpg of at most 64 KB, refused from the declared length before reading
        res = upload(admin, account, "THUMB", "cover", null, MaterialFiles.image("jpg", 120, 120));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        res = upload(admin, account, "THUMB", "big cover", null, new byte[64 * 1024 + 1]);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(FanmailClient.parse(res.body()).getString("code")).isEqualTo("FILE_TOO_LARGE");
        res = upload(admin, account, "THUMB", "png cover", null, MaterialFiles.image("png", 50, 50));
        assertThat(FanmailClient.parse(res.body()).getString("code")).isEqualTo("FORMAT_NOT_ALLOWED");

        // bad requests change nothing
        assertThat(FanmailClient.parse(upload(admin, account, "IMAGE", " ", null, png).body()).getString("code")).isEqualTo("NAME_REQUIRED");
        assertThat(FanmailClient.parse(upload(admin, account, "PDF", "x", null, png).body()).getString("code")).isEqualTo("KIND_REQUIRED");
        assertThat(upload(admin, UUID.randomUUID().toString(), "IMAGE", "x", null, png).statusCode()).isEqualTo(404);
        JsonObject library = admin.data("query($a: ID!) { materialLibrary(accountId: $a) { kinds { kind count cap maxBytes formats } } }",
                Map.of("a", account)).getJsonObject("materialLibrary");
        assertThat(library.getJsonArray("kinds").stream().map(k -> k.asJsonObject().getString("kind") + "=" + k.asJsonObject().getInt("count")
                + "/" + k.asJsonObject().getInt("cap")).toList()).containsExactly("IMAGE=1/5000", "VOICE=1/1000", "VIDEO=1/1000", "THUMB=1/1000");

        // search by name
        assertThat(admin.data(LIST, Map.of("a", account, "k", "IMAGE", "s", "海报")).getJsonObject("materials").getInt("totalCount")).isEqualTo(1);
        assertThat(admin.data(LIST, Map.of("a", account, "k", "IMAGE", "s", "nothing")).getJsonObject("materials").getInt("totalCount")).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aFullLibraryIsRefusedBeforeWeChatIsAsked() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        String account = account(admin);
        sql("insert into materials.material (id, account_id, kind, media_id, name, origin, preview, created_at) "
                + "select gen_random_uuid(), ?, 'VOICE', 'm' || g, 'v' || g, 'SYNCED', 'UNAVAILABLE', now() from generate_series(1, 1000) g",
                UUID.fromString(account));
        HttpResponse<String> res = upload(admin, account, "VOICE", "one more", null, MaterialFiles.amr(1000));
        assertThat(res.statusCode()).isEqualTo(400);
        JsonObject error = FanmailClient.parse(res.body());
        assertThat(error.getString("code")).isEqualTo("LIBRARY_FULL");
        assertThat(error.getString("message")).contains("1000");
        assertThat(list(admin, account, "VOICE")).hasSize(24); // the first page
        assertThat(admin.data(LIST, Map.of("a", account, "k", "VOICE")).getJsonObject("materials").getInt("totalCount")).isEqualTo(1000);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aSyncBringsBackWhatWeChatListsAndDropsWhatItDoesNot() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        String account = account(admin);
        JsonObject kept = uploaded(admin, account, "IMAGE", "kept", MaterialFiles.image("png", 64, 64));
        JsonObject forgotten = uploaded(admin, account, "IMAGE", "added in WeChat's console", MaterialFiles.image("jpg", 64, 64));
        // Fanmail does not know one material WeChat has, and knows one WeChat no longer has
        sql("delete from materials.material where id = ?", UUID.fromString(forgotten.getString("id")));
        sql("insert into materials.material (id, account_id, kind, media_id, name, origin, preview, created_at) "
                + "values (gen_random_uuid(), ?, 'IMAGE', 'gone-on-wechat', 'gone', 'SYNCED', 'UNAVAILABLE', now() - interval '1 day')",
                UUID.fromString(account));

        JsonObject started = admin.data("mutation($i: MaterialSyncStartInput!) { materialSyncStart(input: $i) { sync { id status }" + ERRORS + "} }",
                Map.of("i", Map.of("accountId", account))).getJsonObject("materialSyncStart");
        assertThat(started.getJsonArray("userErrors")).isEmpty();
        JsonObject sync = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            sync = admin.data("query($a: ID!) { materialLibrary(accountId: $a) { lastSync { id status listed added removed downloaded errorCode } } }",
                    Map.of("a", account)).getJsonObject("materialLibrary").getJsonObject("lastSync");
            if (!"RUNNING".equals(sync.getString("status"))) {
                break;
            }
            Thread.onSpinWait();
        }
        assertThat(sync.getString("id")).isEqualTo(started.getJsonObject("sync").getString("id"));
        assertThat(sync.getString("status")).as(sync.toString()).isEqualTo("SUCCEEDED");
        assertThat(List.of(sync.getInt("listed"), sync.getInt("added"), sync.getInt("removed"), sync.getInt("downloaded"))).containsExactly(2, 1, 1, 1);
        List<JsonObject> images = list(admin, account, "IMAGE");
        assertThat(images).extracting(m -> m.getString("mediaId")).containsExactlyInAnyOrder(kept.getString("mediaId"), forgotten.getString("mediaId"));
        JsonObject back = images.stream().filter(m -> m.getString("mediaId").equals(forgotten.getString("mediaId"))).findFirst().orElseThrow();
        assertThat(back.getString("origin")).isEqualTo("SYNCED");
        assertThat(back.getString("previewState")).isEqualTo("READY"); // downloaded once
        assertThat(get(admin, back.getString("previewUrl"), null).statusCode()).isEqualTo(200);
        JsonObject uploaded = images.stream().filter(m -> m.getString("mediaId").equals(kept.getString("mediaId"))).findFirst().orElseThrow();
        assertThat(uploaded.getString("origin")).isEqualTo("UPLOADED");
        assertThat(uploaded.getString("name")).isEqualTo("kept");

        // one sync at a time: a second start while one runs is refused (checked on a run marked running by hand)
        sql("update materials.material_sync set status = 'RUNNING', finished_at = null, heartbeat_at = now() where id = ?",
                UUID.fromString(sync.getString("id")));
        JsonObject refused = admin.data("mutation($i: MaterialSyncStartInput!) { materialSyncStart(input: $i) { sync { id }" + ERRORS + "} }",
                Map.of("i", Map.of("accountId", account))).getJsonObject("materialSyncStart");
        assertThat(refused.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("SYNC_RUNNING");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void deletingRemovesItOnWeChatAndOnlyOperatorsChangeTheLibrary() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        String account = account(admin);
        JsonObject created = uploaded(admin, account, "IMAGE", "to delete", MaterialFiles.image("gif", 40, 40));
        String id = created.getString("id");

        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        HttpResponse<String> refused = upload(viewer, account, "IMAGE", "n", null, MaterialFiles.image("png", 10, 10));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("FORBIDDEN");
        assertThat(list(viewer, account, "IMAGE")).hasSize(1);
        assertThat(get(viewer, "/api/materials/" + id + "/file", null).statusCode()).isEqualTo(200);
        assertThat(get(new FanmailClient(base.toString()), "/api/materials/" + id + "/file", null).statusCode()).isEqualTo(401);
        JsonObject viewerDelete = viewer.graphql("mutation($i: MaterialDeleteInput!) { materialDelete(input: $i) { deletedMaterialId" + ERRORS + "} }",
                Map.of("i", Map.of("id", id)));
        assertThat(viewerDelete.toString()).contains("FORBIDDEN");
        HttpResponse<String> noCsrf = admin.send(HttpRequest.newBuilder(admin.uri("/api/materials/uploads?accountId=" + account + "&kind=IMAGE&name=n"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(MaterialFiles.image("png", 10, 10))));
        assertThat(noCsrf.statusCode()).isEqualTo(403);

        JsonObject deleted = admin.data("mutation($i: MaterialDeleteInput!) { materialDelete(input: $i) { deletedMaterialId" + ERRORS + "} }",
                Map.of("i", Map.of("id", id))).getJsonObject("materialDelete");
        assertThat(deleted.getString("deletedMaterialId")).isEqualTo(id);
        assertThat(list(admin, account, "IMAGE")).isEmpty();
        assertThat(get(admin, "/api/materials/" + id + "/file", null).statusCode()).isEqualTo(404);
        JsonObject again = admin.data("mutation($i: MaterialDeleteInput!) { materialDelete(input: $i) { deletedMaterialId" + ERRORS + "} }",
                Map.of("i", Map.of("id", id))).getJsonObject("materialDelete");
        assertThat(again.getJsonArray("userErrors").getJsonObject(0).getString("code")).isEqualTo("NOT_FOUND");
        // WeChat no longer has it: a sync does not bring it back
        JsonObject sync = admin.data("mutation($i: MaterialSyncStartInput!) { materialSyncStart(input: $i) { sync { id }" + ERRORS + "} }",
                Map.of("i", Map.of("accountId", account))).getJsonObject("materialSyncStart");
        assertThat(sync.getJsonArray("userErrors")).isEmpty();
        String status = "RUNNING";
        JsonObject last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ("RUNNING".equals(status) && System.nanoTime() < deadline) {
            last = admin.data("query($a: ID!) { materialLibrary(accountId: $a) { lastSync { status listed } } }", Map.of("a", account))
                    .getJsonObject("materialLibrary").getJsonObject("lastSync");
            status = last.getString("status");
        }
        assertThat(status).isEqualTo("SUCCEEDED");
        assertThat(last.getInt("listed")).isZero();
        assertThat(list(admin, account, "IMAGE")).isEmpty();
    }
}

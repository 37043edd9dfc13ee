package app.fanmail.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import app.fanmail.sandbox.push.BoundedDispatcher;
import app.fanmail.sandbox.push.CallbackPusher;
import app.fanmail.sandbox.push.Transport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test world: a clock frozen at a chosen instant (moved only by the test), deliveries run on the calling thread,
 * pushes go to a recording transport (or a real one when given).
 */
final class Sandbox {

    static final String APP = "wx1234567890abcdef";
    static final String SECRET = "s3cr3t0123456789abcdef0123456789";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    final AtomicLong systemMillis = new AtomicLong();
    final SandboxClock clock = new SandboxClock(systemMillis::get);
    final List<Pushed> pushes = Collections.synchronizedList(new ArrayList<>());
    final List<Runnable> delayed = new ArrayList<>();
    final World world;
    final WeChatApi api;
    final ControlApi control;

    record Pushed(URI uri, String body) {
    }

    Sandbox() {
        this(Instant.parse("2026-03-10T02:00:00Z"), null);
    }

    Sandbox(Instant start, Transport transport) {
        this(start, transport, false);
    }

    /** {@code categoryWrites}: the sandbox-wide setting fanmail.sandbox.category-writes. */
    Sandbox(Instant start, Transport transport, boolean categoryWrites) {
        systemMillis.set(start.toEpochMilli());
        Transport t = transport != null ? transport : (uri, body, type, timeout) -> {
            pushes.add(new Pushed(uri, new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            return new Transport.Reply(200, "success");
        };
        CallbackPusher pusher = new CallbackPusher(t, clock::millis, 3, Duration.ofSeconds(5), 0);
        world = new World(clock, new Settings(1_000_000, 10_000, categoryWrites), (task, delay) -> delayed.add(task),
                new BoundedDispatcher(Runnable::run, 1, 1_000_000), pusher);
        api = new WeChatApi(world);
        control = new ControlApi(world, api);
    }

    Sandbox account(String json) {
        control.putAccount(ControlApi.parse(json));
        return this;
    }

    /** A verified service account in PLAIN mode with a callback URL. */
    Sandbox serviceAccount() {
        return account("{\"appId\":\"" + APP + "\",\"appSecret\":\"" + SECRET + "\",\"token\":\"tok\","
                + "\"encodingAesKey\":\"" + AES_KEY + "\",\"encryptionMode\":\"PLAIN\","
                + "\"callbackUrl\":\"http://receiver.test/wechat\",\"type\":\"SERVICE\",\"verified\":true}");
    }

    Sandbox fans(int count, String tagsJson) {
        control.seedFans(APP, ControlApi.parse("{\"count\":" + count + ",\"seed\":7,\"tags\":"
                + (tagsJson == null ? "[]" : tagsJson) + "}"));
        return this;
    }

    Account acc() {
        return world.findAccount(APP);
    }

    String openid(int index) {
        return acc().fans.openid(index);
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    void runDelayed() {
        List<Runnable> tasks = new ArrayList<>(delayed);
        delayed.clear();
        tasks.forEach(Runnable::run);
    }

    // ----------------------------------------------------------------- calls

    String token() {
        JsonObject r = get("cgi-bin/token", "grant_type", "client_credential", "appid", APP, "secret", SECRET);
        assertThat(r.containsKey("access_token")).as(r.toString()).isTrue();
        return r.getString("access_token");
    }

    JsonObject get(String path, String... kv) {
        return raw(ApiCall.get(path, map(kv))).json();
    }

    ApiResult raw(ApiCall call) {
        return api.handle(call);
    }

    JsonObject post(String path, String token, String json) {
        return raw(ApiCall.post(path, token == null ? Map.of() : Map.of("access_token", token), json)).json();
    }

    private String cachedToken;
    private long cachedAt;

    /** POST with a token reused while it is young (the daily token quota is 2,000). */
    JsonObject call(String path, String json) {
        return post(path, youngToken(), json);
    }

    /** The token {@link #call} uses. */
    String youngToken() {
        if (cachedToken == null || clock.millis() - cachedAt > 3_600_000) {
            cachedToken = token();
            cachedAt = clock.millis();
        }
        return cachedToken;
    }

    /** A multipart upload (media/upload, material/add_material, …) of a small file with the young token. */
    ApiResult upload(String path, String type, String filename, String description) {
        String boundary = "----sandboxTestBoundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\nxxxx\r\n"
                + (description == null ? "" : "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n" + description + "\r\n")
                + "--" + boundary + "--\r\n";
        return raw(new ApiCall("POST", path, map("access_token", youngToken(), "type", type),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary, false));
    }

    /** The media_id of a small upload that must succeed. */
    String uploaded(String path, String type, String filename, String description) {
        JsonObject r = upload(path, type, filename, description).json();
        assertThat(errcode(r)).as(r.toString()).isZero();
        return r.containsKey("media_id") ? r.getString("media_id") : r.getString("thumb_media_id");
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static int errcode(JsonObject r) {
        return r.containsKey("errcode") ? r.getInt("errcode") : 0;
    }

    static JsonObject json(String s) {
        return ControlApi.parse(s);
    }

    /**
     * The body of {@code api_add_template} for a library entry: category templates name all their keywords (WeChat
     * refuses an empty {@code keyword_name_list} with 40246), old-model templates only their short id.
     */
    static String addBody(String shortId) {
        TemplateLibrary.Entry e = TemplateLibrary.find(shortId);
        if (e == null || e.categoryId() == null) {
            return "{\"template_id_short\":\"" + shortId + "\"}";
        }
        jakarta.json.JsonArrayBuilder names = Json.createArrayBuilder();
        e.keywords().forEach(k -> names.add(k.name()));
        return Json.createObjectBuilder().add("template_id_short", shortId).add("keyword_name_list", names).build().toString();
    }

    static String text(String content) {
        return Json.createValue(content).toString();
    }
}

package app.fanmail.app.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** The WeChat sandbox's control API, for tests (runs inside or outside the server). */
final class SandboxControlClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxControlClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    JsonObject post(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonObject put(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonObject patch(String path, JsonObject body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonObject delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    JsonObject get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    JsonStructure getAny(String path) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.read();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> res = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() >= 300) {
                throw new IllegalStateException("sandbox answered " + res.statusCode() + ": " + res.body());
            }
            if (res.body().isBlank()) {
                return JsonObject.EMPTY_JSON_OBJECT;
            }
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void advanceClock(long seconds) {
        post("/_sandbox/clock", Json.createObjectBuilder().add("advanceSeconds", seconds).build());
    }

    void resetClock() {
        post("/_sandbox/clock", Json.createObjectBuilder().add("reset", true).build());
    }

    JsonObject seedFans(String appId, int count) {
        return post("/_sandbox/accounts/" + appId + "/fans:seed", Json.createObjectBuilder().add("count", count).add("seed", 7)
                .add("tags", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "VIP").add("share", 0.2))).build());
    }

    JsonObject simulate(String appId, String kind, String openid, String content) {
        var b = Json.createObjectBuilder().add("kind", kind).add("openid", openid);
        if (content != null) {
            b.add("content", content);
        }
        return post("/_sandbox/accounts/" + appId + "/simulate", b.build());
    }
}

package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The answer to an {@link ApiCall}: status, content type, body, and how long to hold it back (latency faults).
 */
public record ApiResult(int status, String contentType, byte[] body, long delayMs) {

    public static final String JSON = "application/json; charset=utf-8";

    static ApiResult json(JsonObject o) {
        return new ApiResult(200, JSON, o.toString().getBytes(StandardCharsets.UTF_8), 0);
    }

    ApiResult delayed(long ms) {
        return ms <= 0 ? this : new ApiResult(status, contentType, body, delayMs + ms);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON (for tests and the control API). */
    public JsonObject json() {
        return J.parse(text());
    }
}

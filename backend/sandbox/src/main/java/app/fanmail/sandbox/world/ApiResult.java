package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to an {@link ApiCall}: status, content type, body, how long to hold it back (latency faults) and further
 * response headers (e.g. media/get's {@code Content-disposition}).
 */
public record ApiResult(int status, String contentType, byte[] body, long delayMs, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public ApiResult {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public ApiResult(int status, String contentType, byte[] body, long delayMs) {
        this(status, contentType, body, delayMs, Map.of());
    }

    static ApiResult json(JsonObject o) {
        return new ApiResult(200, JSON, o.toString().getBytes(StandardCharsets.UTF_8), 0);
    }

    ApiResult delayed(long ms) {
        return ms <= 0 ? this : new ApiResult(status, contentType, body, delayMs + ms, headers);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON (for tests and the control API). */
    public JsonObject json() {
        return J.parse(text());
    }
}

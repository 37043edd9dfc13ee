package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One request to the WeChat API: method, path (without the context root), query, raw body. */
public final class ApiCall {

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final byte[] body;
    private final String contentType;
    private final boolean bodyTooLarge;
    private JsonObject json;
    private String clientIp;
    private String host;

    public ApiCall(String method, String path, Map<String, String> query, byte[] body, String contentType,
                   boolean bodyTooLarge) {
        this.method = method;
        this.path = normalize(path);
        this.query = query == null ? Map.of() : query;
        this.body = body == null ? new byte[0] : body;
        this.contentType = contentType;
        this.bodyTooLarge = bodyTooLarge;
    }

    public static ApiCall get(String path, Map<String, String> query) {
        return new ApiCall("GET", path, query, null, null, false);
    }

    public static ApiCall post(String path, Map<String, String> query, String jsonBody) {
        return new ApiCall("POST", path, query, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8),
                "application/json", false);
    }

    static String normalize(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The caller's address as the server saw it (null when unknown, e.g. in plain tests). */
    public String clientIp() {
        return clientIp;
    }

    /** Sets the caller's address; returns this call. */
    public ApiCall withClientIp(String ip) {
        this.clientIp = ip;
        return this;
    }

    /**
     * The host (and port) the caller addressed, from its Host header (null when unknown). Several callers on one
     * address can be told apart by addressing the sandbox by different names, e.g. 127.0.0.1 and localhost.
     */
    public String host() {
        return host;
    }

    /** Sets the host the caller addressed; returns this call. */
    public ApiCall withHost(String host) {
        this.host = host;
        return this;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String query(String key) {
        return query.get(key);
    }

    byte[] body() {
        return body;
    }

    String contentType() {
        return contentType;
    }

    boolean bodyTooLarge() {
        return bodyTooLarge;
    }

    boolean hasBody() {
        return body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank();
    }

    /** The JSON body ({} when empty); 47001 when it is not a JSON object. */
    JsonObject json() {
        if (json == null) {
            json = hasBody() ? J.parse(new String(body, StandardCharsets.UTF_8)) : J.EMPTY;
        }
        return json;
    }

    /** The JSON body, 44002 when empty (POST-only endpoints). */
    JsonObject requireJson() {
        if (!hasBody()) {
            throw Err.emptyPostData();
        }
        return json();
    }

    /** A parameter from the JSON body if present there, else from the query string. */
    String param(String key) {
        if (hasBody() && !isMultipart()) {
            String v = J.str(json(), key);
            if (v != null) {
                return v;
            }
        }
        return query.get(key);
    }

    boolean isMultipart() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }
}

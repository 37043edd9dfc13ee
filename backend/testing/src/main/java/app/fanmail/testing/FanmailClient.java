package app.fanmail.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A browser-like client of a running Fanmail: keeps the session cookie, sends the CSRF header,
 * speaks GraphQL over HTTP and graphql-transport-ws over WebSocket.
 */
public final class FanmailClient {
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public FanmailClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static FanmailClient signedInAdmin(String baseUrl) {
        FanmailClient client = new FanmailClient(baseUrl);
        HttpResponse<String> res = client.signIn("admin", TestServer.adminPassword());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("admin sign-in failed: " + res.statusCode() + " " + res.body());
        }
        return client;
    }

    public HttpResponse<String> signIn(String username, String password) {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        return send(HttpRequest.newBuilder(uri("/api/session"))
                .header("Content-Type", "application/json").header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> signOut() {
        return send(HttpRequest.newBuilder(uri("/api/session")).header("X-Fanmail-Csrf", "1").DELETE());
    }

    /** Posts a GraphQL operation and returns the whole response body ({@code data}, {@code errors}). */
    public JsonObject graphql(String query, Map<String, ?> variables) {
        HttpResponse<String> res = graphqlRaw(query, variables);
        return parse(res.body());
    }

    /** Like {@link #graphql} but fails unless the response has data and no errors; returns {@code data}. */
    public JsonObject data(String query, Map<String, ?> variables) {
        JsonObject body = graphql(query, variables);
        if (body.containsKey("errors") || !body.containsKey("data") || body.isNull("data")) {
            throw new AssertionError("GraphQL errors: " + body);
        }
        return body.getJsonObject("data");
    }

    public HttpResponse<String> graphqlRaw(String query, Map<String, ?> variables) {
        JsonObjectBuilder payload = Json.createObjectBuilder().add("query", query);
        if (variables != null) {
            payload.add("variables", Json.createObjectBuilder(toJson(variables)));
        }
        return send(HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json").header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.ofString(payload.build().toString())));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** Opens a graphql-transport-ws connection carrying this client's cookies and the given Origin. */
    public Subscriptions openSubscriptions(String origin) {
        Subscriptions listener = new Subscriptions();
        WebSocket.Builder builder = http.newWebSocketBuilder().subprotocols("graphql-transport-ws");
        if (!cookieHeader().isEmpty()) {
            builder.header("Cookie", cookieHeader());
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        String wsUrl = baseUrl.replaceFirst("^http", "ws") + "/graphql";
        listener.socket = builder.buildAsync(URI.create(wsUrl), listener);
        return listener;
    }

    public static JsonObject parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static Map<String, JsonValue> toJson(Map<String, ?> map) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        map.forEach((k, v) -> b.add(k, toValue(v)));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static JsonValue toValue(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        } else if (v instanceof JsonValue j) {
            return j;
        } else if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (v instanceof Integer i) {
            return Json.createValue(i);
        } else if (v instanceof Long l) {
            return Json.createValue(l);
        } else if (v instanceof Map<?, ?> m) {
            return Json.createObjectBuilder(toJson((Map<String, ?>) m)).build();
        } else if (v instanceof Iterable<?> it) {
            var arr = Json.createArrayBuilder();
            it.forEach(x -> arr.add(toValue(x)));
            return arr.build();
        }
        return Json.createValue(v.toString());
    }

    /** A WebSocket connection: received text frames in order, and how it closed. */
    public static final class Subscriptions implements WebSocket.Listener {
        private CompletableFuture<WebSocket> socket;
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        /** The open socket, or the handshake failure (e.g. HTTP 401/403). */
        public WebSocket socket(Duration timeout) throws Exception {
            return socket.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** 101 when the upgrade succeeded, else the HTTP status the server refused it with. */
        public int handshakeStatus(Duration timeout) throws Exception {
            try {
                socket(timeout);
                return 101;
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                    return refused.getResponse().statusCode();
                }
                throw e;
            }
        }

        public void send(String json) throws Exception {
            socket(Duration.ofSeconds(10)).sendText(json, true).get(10, TimeUnit.SECONDS);
        }

        /** Next text message as JSON, or null on timeout. */
        public JsonObject next(Duration timeout) throws InterruptedException {
            String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return m == null ? null : parse(m);
        }

        /** The close status code, or null if still open after the timeout. */
        public Integer closeCode(Duration timeout) {
            try {
                return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                return null;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}

package app.fanmail.identity.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The request checks that make cross-site requests useless: state-changing calls must carry the
 * {@code X-Fanmail-Csrf} header (a cross-site form or image cannot set it, and a cross-site fetch
 * with it needs a CORS preflight Fanmail never grants) and, when the browser names an Origin, it
 * must be Fanmail's own.
 */
public final class RequestGuard {
    public static final String CSRF_HEADER = "X-Fanmail-Csrf";

    private final List<String> allowedOrigins;

    public RequestGuard(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(RequestGuard::normalize).toList();
    }

    public static boolean hasCsrfHeader(HttpServletRequest request) {
        return request.getHeader(CSRF_HEADER) != null;
    }

    public static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    public static boolean isWebSocketUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return "GET".equals(request.getMethod()) && upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** True when there is no Origin header (non-browser client) or it is this server's or a configured one. */
    public boolean originAllowed(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        return originAllowed(origin, request.getHeader("Host"), request.isSecure() ? "https" : "http");
    }

    public boolean originAllowed(String origin, String host, String scheme) {
        if (origin == null || origin.equals("null")) {
            return false;
        }
        String normalized = normalize(origin);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        return normalized.equals(normalize(scheme + "://" + host))
                || normalized.equals(normalize("http://" + host))
                || normalized.equals(normalize("https://" + host));
    }

    static String normalize(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)) {
                return scheme + "://" + host;
            }
            return scheme + "://" + host + ":" + port;
        } catch (IllegalArgumentException e) {
            return "invalid:" + origin;
        }
    }
}

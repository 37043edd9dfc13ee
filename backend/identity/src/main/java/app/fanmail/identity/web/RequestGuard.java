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

    /** The path the container routes by: decoded, without path parameters, relative to the context. */
    public static String decodedPath(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }

    /** The path as the client wrote it, relative to the context. */
    public static String rawPath(HttpServletRequest request) {
        String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        return uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** True for the paths whose checks must not be sidestepped: GraphQL, GraphiQL and the REST API. */
    public static boolean isApiPath(String path) {
        String p = collapseSlashes(path).toLowerCase(Locale.ROOT);
        return p.startsWith("/graphql") || p.startsWith("/graphiql") || p.equals("/api") || p.startsWith("/api/");
    }

    /**
     * True when a request names an API path (in either spelling) but its raw path is not exactly the
     * decoded one: path parameters ({@code ;}), any percent-encoding (hence encoded separators and
     * double encoding), backslashes, dot segments or empty segments.
     */
    public static boolean isAmbiguousApiPath(String rawPath, String decodedPath) {
        if (!isApiPath(rawPath) && !isApiPath(decodedPath) && !isApiPath(stripDots(percentDecoded(rawPath)))) {
            return false;
        }
        // a directory request is routed to its welcome file: /graphiql/ -> /graphiql/index.html
        boolean same = rawPath.equals(decodedPath) || (rawPath.endsWith("/") && decodedPath.equals(rawPath + "index.html"));
        return !same
                || rawPath.indexOf(';') >= 0 || rawPath.indexOf('%') >= 0 || rawPath.indexOf('\\') >= 0
                || rawPath.contains("//") || rawPath.contains("/./") || rawPath.contains("/../")
                || rawPath.endsWith("/.") || rawPath.endsWith("/..");
    }

    /** Percent-decodes repeatedly (double encoding included), leniently, to see what a path could mean. */
    static String percentDecoded(String path) {
        String current = path;
        for (int round = 0; round < 4 && current.indexOf('%') >= 0; round++) {
            StringBuilder out = new StringBuilder(current.length());
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                if (c == '%' && i + 2 < current.length()
                        && Character.digit(current.charAt(i + 1), 16) >= 0 && Character.digit(current.charAt(i + 2), 16) >= 0) {
                    out.append((char) Integer.parseInt(current.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.append(c);
                }
            }
            if (out.toString().equals(current)) {
                break;
            }
            current = out.toString();
        }
        return current;
    }

    private static String collapseSlashes(String path) {
        return path.replaceAll("/{2,}", "/");
    }

    private static String stripDots(String path) {
        return collapseSlashes(path.replace("/./", "/").replace('\\', '/'));
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

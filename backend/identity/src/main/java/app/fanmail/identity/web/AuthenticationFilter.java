package app.fanmail.identity.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import app.fanmail.identity.application.SessionService;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates every request from the session cookie and binds the {@link Viewer} for the role
 * checks further in. Paths are matched as the container routes them (the decoded servlet path,
 * without path parameters), and an API path whose raw form differs from that (path parameters
 * such as {@code /graphql;x}, percent-encoding, dot or empty segments) is refused with HTTP 400, so
 * no spelling of a path reaches a servlet past the checks below. Refuses, before anything runs:
 * <ul>
 * <li>{@code /graphql} without a session (HTTP 401), POSTs that are not JSON or lack the CSRF
 * header, WebSocket upgrades from a foreign Origin, and GET queries;</li>
 * <li>{@code /graphiql} for anyone but a signed-in admin;</li>
 * <li>state-changing {@code /api} calls without the CSRF header or from a foreign Origin
 * (WeChat's own callbacks under {@code /api/wechat} are verified by signature instead).</li>
 * </ul>
 */
public class AuthenticationFilter implements Filter {
    public static final String VIEWER_ATTRIBUTE = "fanmail.viewer";

    @Inject
    SessionService sessions;
    @Inject
    @ConfigProperty(name = "fanmail.security.allowed-origins", defaultValue = "none")
    List<String> allowedOrigins;

    private RequestGuard guard;

    @Override
    public void init(jakarta.servlet.FilterConfig filterConfig) {
        guard = new RequestGuard(allowedOrigins.stream().filter(o -> !"none".equals(o)).toList());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getCharacterEncoding() == null) {
            request.setCharacterEncoding("UTF-8");
        }
        String path = RequestGuard.decodedPath(request);
        if (RequestGuard.isAmbiguousApiPath(RequestGuard.rawPath(request), path)) {
            String message = "Path parameters, encoded characters, dot segments and empty segments are not allowed on API paths.";
            json(response, HttpServletResponse.SC_BAD_REQUEST, path.startsWith("/api")
                    ? "{\"code\":\"BAD_PATH\",\"message\":\"" + message + "\"}"
                    : "{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"BAD_PATH\"}}]}");
            return;
        }
        Optional<Viewer> viewer = Optional.ofNullable(SessionCookie.read(request)).flatMap(sessions::resolve);

        if (viewer.isPresent() && viewer.get().mustChangePassword() && !openWhilePasswordChangeRequired(path)) {
            json(response, HttpServletResponse.SC_FORBIDDEN, path.startsWith("/graphql")
                    ? "{\"errors\":[{\"message\":\"Choose a new password first.\",\"extensions\":{\"code\":\"PASSWORD_CHANGE_REQUIRED\"}}]}"
                    : "{\"code\":\"PASSWORD_CHANGE_REQUIRED\",\"message\":\"Choose a new password first.\"}");
            return;
        }
        if (path.equals("/graphql") || path.startsWith("/graphql/")) {
            if (!checkGraphQL(request, response, path, viewer)) {
                return;
            }
        } else if (path.equals("/graphiql") || path.startsWith("/graphiql/")) {
            if (viewer.isEmpty()) {
                response.sendRedirect(request.getContextPath() + "/login?next=" + URLEncoder.encode("/graphiql/", StandardCharsets.UTF_8));
                return;
            }
            if (!viewer.get().has(Role.ADMIN)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "GraphiQL is for admins.");
                return;
            }
        } else if (path.startsWith("/api/") && !path.startsWith("/api/wechat/") && !isSafe(request.getMethod())) {
            if (!RequestGuard.hasCsrfHeader(request) || !guard.originAllowed(request)) {
                json(response, HttpServletResponse.SC_FORBIDDEN, "{\"code\":\"CSRF_CHECK_FAILED\",\"message\":\"Missing X-Fanmail-Csrf header or foreign Origin.\"}");
                return;
            }
        }

        viewer.ifPresent(v -> request.setAttribute(VIEWER_ATTRIBUTE, v));
        HttpServletRequest forward = viewer.isEmpty() ? request : withPrincipal(request, new SessionPrincipal(viewer.get(), SessionCookie.read(request)));
        try (CurrentViewer.Scope ignored = CurrentViewer.bind(viewer.orElse(null))) {
            chain.doFilter(forward, response);
        }
    }

    private boolean checkGraphQL(HttpServletRequest request, HttpServletResponse response, String path, Optional<Viewer> viewer) throws IOException {
        if (viewer.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Session");
            json(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "{\"errors\":[{\"message\":\"Sign in first.\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}");
            return false;
        }
        if (RequestGuard.isWebSocketUpgrade(request)) {
            if (!guard.originAllowed(request)) {
                json(response, HttpServletResponse.SC_FORBIDDEN,
                        "{\"errors\":[{\"message\":\"Foreign origin.\",\"extensions\":{\"code\":\"FORBIDDEN\"}}]}");
                return false;
            }
            return true;
        }
        if ("GET".equals(request.getMethod()) && path.equals("/graphql/schema.graphql")) {
            return true;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            json(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "{\"errors\":[{\"message\":\"Use POST with a JSON body.\",\"extensions\":{\"code\":\"METHOD_NOT_ALLOWED\"}}]}");
            return false;
        }
        if (!RequestGuard.isJson(request)) {
            json(response, 415, "{\"errors\":[{\"message\":\"Send application/json.\",\"extensions\":{\"code\":\"UNSUPPORTED_MEDIA_TYPE\"}}]}");
            return false;
        }
        if (!RequestGuard.hasCsrfHeader(request) || !guard.originAllowed(request)) {
            json(response, HttpServletResponse.SC_FORBIDDEN,
                    "{\"errors\":[{\"message\":\"Missing X-Fanmail-Csrf header or foreign Origin.\",\"extensions\":{\"code\":\"CSRF_CHECK_FAILED\"}}]}");
            return false;
        }
        return true;
    }

    /** The WebSocket container takes the handshake's principal into the connection (Session.getUserPrincipal). */
    private static HttpServletRequest withPrincipal(HttpServletRequest request, SessionPrincipal principal) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public java.security.Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return principal.getName();
            }
        };
    }

    /**
     * While a user must choose a new password, their session reaches only the session API (who am I,
     * sign out, change password) and the UI's static files; GraphQL, GraphiQL and every other API refuse
     * with PASSWORD_CHANGE_REQUIRED. WeChat's callbacks do not use sessions.
     */
    static boolean openWhilePasswordChangeRequired(String path) {
        if (path.equals("/api/session") || path.equals("/api/session/password") || path.startsWith("/api/wechat/")) {
            return true;
        }
        return !(path.startsWith("/api") || path.startsWith("/graphql") || path.startsWith("/graphiql"));
    }

    private static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
    }
}

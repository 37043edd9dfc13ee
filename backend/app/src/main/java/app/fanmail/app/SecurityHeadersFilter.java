package app.fanmail.app;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import app.fanmail.kernel.web.TrustedProxies;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser hardening headers on every response: no framing, no sniffing, same-origin scripts and
 * connections (same-origin WebSockets included: CSP 3 lets {@code 'self'} match {@code ws:}/{@code wss:}
 * on the page's own host), HSTS when the request came over HTTPS (directly, or per a trusted proxy's
 * {@code X-Forwarded-Proto}), and {@code Cache-Control: no-store} on GraphQL, GraphiQL and the REST
 * API, whose answers are per user and must not be kept by browsers or shared caches.
 */
public class SecurityHeadersFilter implements Filter {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob: https:; font-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Inject
    @ConfigProperty(name = TrustedProxies.CONFIG_KEY, defaultValue = "none")
    List<String> trustedProxies;

    private TrustedProxies proxies = TrustedProxies.none();

    @Override
    public void init(FilterConfig filterConfig) {
        proxies = TrustedProxies.parse(trustedProxies);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("Content-Security-Policy", CSP);
        if (proxies.isHttps(req.isSecure(), req.getRemoteAddr(), lastHeader(req, "X-Forwarded-Proto"))) {
            res.setHeader("Strict-Transport-Security", HSTS);
        }
        if (isPrivate(path(req))) {
            res.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** GraphQL, GraphiQL and the REST API answer per user; the SPA's assets may be cached. */
    static boolean isPrivate(String path) {
        return path.equals("/graphql") || path.startsWith("/graphql/") || path.startsWith("/graphql;")
                || path.equals("/graphiql") || path.startsWith("/graphiql/") || path.startsWith("/graphiql;")
                || path.equals("/api") || path.startsWith("/api/");
    }

    private static String path(HttpServletRequest req) {
        String path = (req.getServletPath() == null ? "" : req.getServletPath()) + (req.getPathInfo() == null ? "" : req.getPathInfo());
        return path.isEmpty() ? "/" : path;
    }

    /** The proxy nearest to Fanmail appends last; an earlier value may come from the client. */
    private static String lastHeader(HttpServletRequest req, String name) {
        List<String> values = Collections.list(req.getHeaders(name));
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}

package app.fanmail.app;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The admin UI routes in the browser (/accounts/123, /login): a page load of such a path gets the
 * UI's index.html. Paths a servlet is mapped to (APIs, GraphQL), GraphiQL and real files are left alone.
 */
public class SpaFallbackFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        String path = req.getRequestURI().substring(req.getContextPath().length());
        boolean unmapped = req.getHttpServletMapping() == null
                || req.getHttpServletMapping().getMappingMatch() == jakarta.servlet.http.MappingMatch.DEFAULT;
        if (unmapped && isUiRoute(req.getMethod(), path, req.getHeader("Accept"))) {
            request.getRequestDispatcher("/index.html").forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isUiRoute(String method, String path, String accept) {
        if (!"GET".equals(method) || accept == null || !accept.contains("text/html")) {
            return false;
        }
        if (path.equals("/") || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/graphql")
                || path.startsWith("/graphiql") || path.startsWith("/assets/") || path.startsWith("/wechat-sandbox")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}

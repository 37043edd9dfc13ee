package app.fanmail.kernel.web;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Request body limits per endpoint. The HTTP listener's {@code max-post-size} (wildfly-config, 1 GB) is only a
 * backstop: Undertow refuses a declared Content-Length above it before any application code runs. This Undertow
 * extension (found through {@code META-INF/services/io.undertow.servlet.ServletExtension}) then sets each request's own
 * limit before anything reads the body: a POST to a {@link LargeBody} endpoint may send that endpoint's limit + 1 (the
 * endpoint counts the bytes itself and answers 413 with a JSON error at its limit); every other request keeps
 * {@code fanmail.http.max-request-bytes} (2 MB: GraphQL and callbacks are small), and one declaring more is answered
 * 413 at once.
 */
public class RequestBodyLimit implements ServletExtension {
    static final long DEFAULT_OTHER = 2L * 1024 * 1024;

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        ClassLoader loader = deploymentInfo.getClassLoader();
        deploymentInfo.addInitialHandlerChainWrapper(next -> new Limit(next, loader));
    }

    /** The limits: per large-body path, and for everything else. */
    record Limits(Map<String, Long> large, long other) {
    }

    private static final class Limit implements HttpHandler {
        private final HttpHandler next;
        private final ClassLoader loader;
        private volatile Limits limits;

        Limit(HttpHandler next, ClassLoader loader) {
            this.next = next;
            this.loader = loader;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            Limits l = limits();
            Long large = Methods.POST.equals(exchange.getRequestMethod()) ? l.large().get(exchange.getRelativePath()) : null;
            if (large != null) {
                exchange.setMaxEntitySize(large + 1);
            } else {
                String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
                if (length != null && declaredAbove(length, l.other())) {
                    exchange.setPersistent(false);
                    exchange.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE);
                    exchange.endExchange();
                    return;
                }
                exchange.setMaxEntitySize(l.other());
            }
            next.handleRequest(exchange);
        }

        private static boolean declaredAbove(String length, long limit) {
            try {
                return Long.parseLong(length.trim()) > limit;
            } catch (NumberFormatException e) {
                return false; // Undertow itself refuses a malformed length
            }
        }

        private Limits limits() {
            Limits l = limits;
            if (l == null) {
                Config config = ConfigProvider.getConfig(loader);
                Map<String, Long> large = new HashMap<>();
                for (LargeBody body : ServiceLoader.load(LargeBody.class, loader)) {
                    large.put(body.path(), config.getOptionalValue(body.maxBytesProperty(), Long.class).orElse(body.defaultMaxBytes()));
                }
                l = new Limits(Map.copyOf(large), config.getOptionalValue("fanmail.http.max-request-bytes", Long.class).orElse(DEFAULT_OTHER));
                limits = l;
            }
            return l;
        }
    }
}

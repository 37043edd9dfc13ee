package app.fanmail.audiences.web;

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
 * extension (found through
 * {@code META-INF/services/io.undertow.servlet.ServletExtension}) then sets each request's own limit before anything
 * reads the body: {@code POST /api/audiences/uploads} may send {@code fanmail.audiences.upload-max-bytes} + 1 (the
 * {@link UploadResource} counts the bytes itself and answers 413 with a JSON error at the limit); every other request
 * keeps {@code fanmail.http.max-request-bytes} (2 MB: GraphQL and callbacks are small), and one declaring more is
 * answered 413 at once.
 */
public class UploadBodyLimit implements ServletExtension {
    static final String PATH = "/api/audiences/uploads";
    static final long DEFAULT_UPLOAD = 64L * 1024 * 1024;
    static final long DEFAULT_OTHER = 2L * 1024 * 1024;

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        ClassLoader loader = deploymentInfo.getClassLoader();
        deploymentInfo.addInitialHandlerChainWrapper(next -> new Limit(next, loader));
    }

    private static final class Limit implements HttpHandler {
        private final HttpHandler next;
        private final ClassLoader loader;
        private volatile long[] limits;

        Limit(HttpHandler next, ClassLoader loader) {
            this.next = next;
            this.loader = loader;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            long[] l = limits();
            if (Methods.POST.equals(exchange.getRequestMethod()) && PATH.equals(exchange.getRelativePath())) {
                exchange.setMaxEntitySize(l[0] + 1);
            } else {
                String length = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
                if (length != null && declaredAbove(length, l[1])) {
                    exchange.setPersistent(false);
                    exchange.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE);
                    exchange.endExchange();
                    return;
                }
                exchange.setMaxEntitySize(l[1]);
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

        private long[] limits() {
            long[] l = limits;
            if (l == null) {
                Config config = ConfigProvider.getConfig(loader);
                l = new long[] {config.getOptionalValue("fanmail.audiences.upload-max-bytes", Long.class).orElse(DEFAULT_UPLOAD),
                        config.getOptionalValue("fanmail.http.max-request-bytes", Long.class).orElse(DEFAULT_OTHER)};
                limits = l;
            }
            return l;
        }
    }
}

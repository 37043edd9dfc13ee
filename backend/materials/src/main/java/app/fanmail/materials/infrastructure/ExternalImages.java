package app.fanmail.materials.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.materials.application.ArticleImageFetcher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fetches images pasted into articles from other sites, hardened against server-side request forgery: http(s) only,
 * every host resolved and refused when any of its addresses is internal ({@link ExternalImagesAddressGuard}; config
 * {@code fanmail.materials.external-images.allow-private=true} lifts that for tests and closed networks), redirects
 * followed by hand (at most 3, each target checked again), 10 s to connect and 10 s for the whole answer, at most the
 * caller's byte limit. The bytes are not trusted: the caller sniffs their format.
 *
 * <p>Known limit: the host is resolved for the check and again by the HTTP client, so a DNS answer that changes
 * between the two (rebinding) is not caught.
 */
@ApplicationScoped
public class ExternalImages implements ArticleImageFetcher {
    static final int MAX_REDIRECTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ExternalImages.class.getName());

    @Inject
    @ConfigProperty(name = "fanmail.materials.external-images.allow-private", defaultValue = "false")
    boolean allowPrivate;

    private ExternalImagesAddressGuard guard;
    private HttpClient http;
    private Duration timeout = TIMEOUT;

    public ExternalImages() {
    }

    /** For tests outside the container. */
    ExternalImages(boolean allowPrivate, Duration timeout) {
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        init();
    }

    @PostConstruct
    void init() {
        guard = new ExternalImagesAddressGuard(allowPrivate, InetAddress::getAllByName);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    @Override
    public byte[] fetch(String url, long maxBytes) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI uri = guard.check(current);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Unavailable("IMAGE_UNAVAILABLE", "The image could not be fetched within " + timeout.toSeconds() + " s.");
            }
            HttpResponse<InputStream> res;
            try {
                res = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).header("Accept", "image/png,image/jpeg,image/*;q=0.8")
                        .header("User-Agent", "Fanmail article image fetcher").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                LOG.log(Level.FINE, "Fetching an article image failed", e);
                throw new Unavailable("IMAGE_UNAVAILABLE", "The image could not be fetched from " + ExternalImagesAddressGuard.shorten(current) + ".");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("IMAGE_UNAVAILABLE", "Interrupted while fetching an image.");
            } catch (IllegalArgumentException e) {
                throw new Unavailable("IMAGE_UNAVAILABLE", "Not a valid image address: " + ExternalImagesAddressGuard.shorten(current));
            }
            int status = res.statusCode();
            if (status >= 300 && status < 400) {
                close(res);
                Optional<String> location = res.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new Unavailable("IMAGE_UNAVAILABLE", "The image's site redirected nowhere.");
                }
                try {
                    current = uri.resolve(location.get().strip()).toString();
                } catch (IllegalArgumentException e) {
                    throw new Unavailable("IMAGE_UNAVAILABLE", "The image's site redirected to an invalid address.");
                }
                continue;
            }
            if (status != 200) {
                close(res);
                throw new Unavailable("IMAGE_UNAVAILABLE", "The image's site answered " + status + " for " + ExternalImagesAddressGuard.shorten(current) + ".");
            }
            long declared = res.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                close(res);
                throw new Unavailable("IMAGE_TOO_LARGE", "The image at " + ExternalImagesAddressGuard.shorten(current) + " is larger than " + maxBytes + " bytes.");
            }
            return read(res.body(), maxBytes, deadline, current);
        }
        throw new Unavailable("IMAGE_UNAVAILABLE", "The image's site redirected more than " + MAX_REDIRECTS + " times.");
    }

    /**
     * The body, at most {@code maxBytes}, read before {@code deadline}: the HTTP client's timeout ends with the
     * headers, so a site that drips its body is cut off by closing the stream.
     */
    private byte[] read(InputStream in, long maxBytes, long deadline, String url) {
        long left = deadline - System.nanoTime();
        var closer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                in.close();
            } catch (IOException e) {
                // nothing to do
            }
        }, java.util.concurrent.CompletableFuture.delayedExecutor(Math.max(1, left), java.util.concurrent.TimeUnit.NANOSECONDS));
        try (in) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new Unavailable("IMAGE_TOO_LARGE", "The image at " + ExternalImagesAddressGuard.shorten(url) + " is larger than "
                            + maxBytes + " bytes.");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("deadline");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new Unavailable("IMAGE_UNAVAILABLE", "The image could not be read from " + ExternalImagesAddressGuard.shorten(url) + " within "
                    + timeout.toSeconds() + " s.");
        } finally {
            closer.cancel(false);
        }
    }

    private static void close(HttpResponse<InputStream> res) {
        try {
            res.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}

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

    public ExternalImages() {
    }

    /** For tests outside the container. */
    ExternalImages(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
        init();
    }

    @PostConstruct
    void init() {
        guard = new ExternalImagesAddressGuard(allowPrivate, InetAddress::getAllByName);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
    }

    @Override
    public byte[] fetch(String url, long maxBytes) {
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URI uri = guard.check(current);
            HttpResponse<InputStream> res;
            try {
                res = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "image/png,image/jpeg,image/*;q=0.8")
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
            try (InputStream in = res.body()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new Unavailable("IMAGE_TOO_LARGE", "The image at " + ExternalImagesAddressGuard.shorten(current) + " is larger than " + maxBytes + " bytes.");
                }
                return bytes;
            } catch (IOException e) {
                throw new Unavailable("IMAGE_UNAVAILABLE", "The image could not be read from " + ExternalImagesAddressGuard.shorten(current) + ".");
            }
        }
        throw new Unavailable("IMAGE_UNAVAILABLE", "The image's site redirected more than " + MAX_REDIRECTS + " times.");
    }

    private static void close(HttpResponse<InputStream> res) {
        try {
            res.body().close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}

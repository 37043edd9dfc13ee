package app.fanmail.materials.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import app.fanmail.materials.application.ArticleImageFetcher.Unavailable;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher against a local server: allowed only with allow-private; redirects followed by hand, each one checked, at most 3. */
class ExternalImagesTest {
    private static final Duration SECONDS_10 = Duration.ofSeconds(10);
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3};
    private HttpServer server;
    private String base;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/a.png", ex -> send(ex, 200, IMAGE));
        server.createContext("/big.png", ex -> send(ex, 200, new byte[2048]));
        server.createContext("/missing.png", ex -> send(ex, 404, new byte[0]));
        server.createContext("/hop", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getQuery());
            redirect(ex, n == 0 ? "/a.png" : "/hop?" + (n - 1));
        });
        server.createContext("/drip.png", ex -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; i < 100; i++) {
                    out.write(IMAGE);
                    out.flush();
                    Thread.sleep(100);
                }
                out.close();
            } catch (IOException | InterruptedException e) {
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void send(HttpExchange ex, int status, byte[] body) throws IOException {
        hits.incrementAndGet();
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void redirect(HttpExchange ex, String location) throws IOException {
        hits.incrementAndGet();
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static String code(Throwable e) {
        return ((Unavailable) e).code();
    }

    @Test
    void loopbackIsRefusedBeforeAnyRequestUnlessAllowed() {
        assertThatThrownBy(() -> new ExternalImages(false, SECONDS_10).fetch(base + "/a.png", 1000)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_ADDRESS_REFUSED"));
        assertThat(hits).hasValue(0);
        assertThat(new ExternalImages(true, SECONDS_10).fetch(base + "/a.png", 1000)).isEqualTo(IMAGE);
    }

    @Test
    void redirectsAreFollowedAtMostThreeTimes() {
        assertThat(new ExternalImages(true, SECONDS_10).fetch(base + "/hop?2", 1000)).isEqualTo(IMAGE);
        assertThatThrownBy(() -> new ExternalImages(true, SECONDS_10).fetch(base + "/hop?3", 1000)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_UNAVAILABLE"));
    }

    @Test
    void aRedirectToAForbiddenSchemeIsRefused() {
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        assertThatThrownBy(() -> new ExternalImages(true, SECONDS_10).fetch(base + "/to-file", 1000)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_ADDRESS_REFUSED"));
    }

    @Test
    void aBodyDrippedPastTheDeadlineIsCutOff() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ExternalImages(true, Duration.ofMillis(800)).fetch(base + "/drip.png", 1_000_000))
                .isInstanceOf(Unavailable.class).satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_UNAVAILABLE"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void sizeAndStatusAreChecked() {
        assertThatThrownBy(() -> new ExternalImages(true, SECONDS_10).fetch(base + "/big.png", 1024)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_TOO_LARGE"));
        assertThatThrownBy(() -> new ExternalImages(true, SECONDS_10).fetch(base + "/missing.png", 1024)).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo("IMAGE_UNAVAILABLE"));
    }
}

package app.fanmail.sandbox.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends one HTTP POST; an exception or a timeout is a failed attempt. */
public interface Transport {

    /** Blocking form (tests and simple transports implement only this). */
    Reply post(URI uri, byte[] body, String contentType, Duration timeout) throws IOException, InterruptedException;

    /**
     * Non-blocking form: completes with the reply, or exceptionally with the {@link IOException} of the attempt.
     * The default runs {@link #post} on the calling thread; {@link HttpTransport} holds no thread while waiting.
     */
    default CompletableFuture<Reply> postAsync(URI uri, byte[] body, String contentType, Duration timeout) {
        try {
            return CompletableFuture.completedFuture(post(uri, body, contentType, timeout));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * One GET (the URL verification WeChat sends when a server URL is saved). The default uses a short-lived JDK
     * HTTP client on the calling thread: verification happens once per configuration change, not on a hot path.
     */
    default Reply get(URI uri, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body());
    }

    record Reply(int status, String body) {
    }
}

package app.fanmail.sandbox.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Transport} over the JDK HTTP client (HTTP/1.1, like WeChat's pushes). {@link #postAsync} holds no thread
 * while a push is on the wire: the client's selector thread does the I/O and a small fixed pool (not a growing
 * cached one) runs the completions. The caller bounds how many are in flight ({@link BoundedDispatcher}).
 */
public final class HttpTransport implements Transport, AutoCloseable {

    private final HttpClient client;
    private final ExecutorService completions;

    public HttpTransport(Duration connectTimeout) {
        this(connectTimeout, 2);
    }

    public HttpTransport(Duration connectTimeout, int completionThreads) {
        AtomicInteger n = new AtomicInteger();
        this.completions = Executors.newFixedThreadPool(Math.max(1, completionThreads), r -> {
            Thread t = new Thread(r, "sandbox-push-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(completions)
                .build();
    }

    private static HttpRequest request(URI uri, byte[] body, String contentType, Duration timeout) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "Mozilla/4.0")
                .header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    @Override
    public Reply post(URI uri, byte[] body, String contentType, Duration timeout)
            throws IOException, InterruptedException {
        try {
            return postAsync(uri, body, contentType, timeout).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public CompletableFuture<Reply> postAsync(URI uri, byte[] body, String contentType, Duration timeout) {
        return client.sendAsync(request(uri, body, contentType, timeout), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw error instanceof CompletionException ce ? ce : new CompletionException(error);
                    }
                    return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
                });
    }

    /** Stops the completion threads (the client's selector ends with the client). */
    @Override
    public void close() {
        completions.shutdown();
    }
}

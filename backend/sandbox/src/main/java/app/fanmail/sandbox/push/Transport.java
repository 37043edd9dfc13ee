package app.fanmail.sandbox.push;

import java.io.IOException;
import java.net.URI;
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

    record Reply(int status, String body) {
    }
}

package app.fanmail.wechat.infrastructure.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.domain.ErrorCodes.Transport;
import app.fanmail.wechat.infrastructure.http.AsyncPermits.PermitTimeoutException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;

/**
 * Non-blocking POSTs of JSON to WeChat (JDK {@link HttpClient#sendAsync}; see ADR 0009): no thread waits for an
 * answer or for a permit. Every call takes, in this order, a permit of its account (at most
 * {@code maxInFlightPerAccount} in flight), a permit of the whole node ({@code maxInFlightTotal}, which also bounds
 * the open connections) and a slot of its account's rate ({@code ratePerAccount} per second); if it cannot have all
 * three within {@code checkoutTimeout} it fails with nothing sent. Failures are {@link WeChatException}s whose
 * certainty says whether WeChat may have processed the request ({@link #failureOf}).
 */
public final class WeChatHttp {
    /** The limits and timeouts. */
    public record Settings(int maxInFlightPerAccount, double ratePerAccount, int rateBurst, int maxInFlightTotal,
                           Duration checkoutTimeout, Duration requestTimeout) {
    }

    private record Account(AsyncPermits inFlight, RateGate rate) {
    }

    private static final JsonReaderFactory READERS = app.fanmail.kernel.json.JsonFactories.READERS;

    private final HttpClient client;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final Executor completions;
    private final AsyncPermits total;
    private final Map<UUID, Account> accounts = new ConcurrentHashMap<>();
    private final String selectorThread;

    /**
     * @param timer       schedules permit timeouts and rate waits (runs only tiny tasks)
     * @param completions the threads that run the client's completions and continue callers' stages
     */
    public WeChatHttp(Settings settings, Duration connectTimeout, ScheduledExecutorService timer, Executor completions) {
        this.settings = settings;
        this.timer = timer;
        this.completions = completions;
        this.total = new AsyncPermits("in-flight WeChat calls of this node", settings.maxInFlightTotal(), timer, completions);
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(completions)
                .build();
        // the client starts its selector thread when built; remember its name (other clients in the JVM have one too)
        this.selectorThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().endsWith("-SelectorManager"))
                .map(Thread::getName).findFirst().orElse(null);
    }

    /** The name of this client's selector thread (null if it could not be told apart). */
    public String selectorThread() {
        return selectorThread;
    }

    /**
     * POSTs {@code body} to {@code uri} for the account, or GETs {@code uri} when {@code body} is null; completes with
     * WeChat's JSON answer (errcodes are the caller's).
     */
    public CompletableFuture<JsonObject> post(UUID accountId, URI uri, JsonObject body) {
        long deadline = System.nanoTime() + settings.checkoutTimeout().toNanos();
        Account account = accounts.computeIfAbsent(accountId, id -> new Account(
                new AsyncPermits("in-flight WeChat calls of account " + id, settings.maxInFlightPerAccount(), timer, completions),
                new RateGate(settings.ratePerAccount(), settings.rateBurst(), System.nanoTime())));
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        account.inFlight().acquire(remaining(deadline)).whenComplete((ignored, noAccountPermit) -> {
            if (noAccountPermit != null) {
                result.completeExceptionally(failureOf(noAccountPermit));
                return;
            }
            total.acquire(remaining(deadline)).whenComplete((ignored2, noPermit) -> {
                if (noPermit != null) {
                    account.inFlight().release();
                    result.completeExceptionally(failureOf(noPermit));
                    return;
                }
                Runnable release = () -> {
                    total.release();
                    account.inFlight().release();
                };
                long wait = account.rate().reserve(System.nanoTime(), remaining(deadline));
                if (wait < 0) {
                    release.run();
                    result.completeExceptionally(Transport.PERMIT_TIMEOUT.failure("The account's rate of "
                            + settings.ratePerAccount() + " calls/s leaves no slot within the checkout timeout", null));
                    return;
                }
                Runnable send = () -> exchange(uri, body).whenComplete((answer, error) -> {
                    release.run();
                    if (error != null) {
                        result.completeExceptionally(failureOf(error));
                    } else {
                        result.complete(answer);
                    }
                });
                if (wait == 0) {
                    send.run();
                } else {
                    timer.schedule(() -> completions.execute(send), wait, TimeUnit.NANOSECONDS);
                }
            });
        });
        return result;
    }

    /** An account was deleted: drop its limits. */
    public void forget(UUID accountId) {
        accounts.remove(accountId);
    }

    /** Permits of the node now in use (for the benchmark and tests). */
    public int inFlight() {
        return total.inUse();
    }

    private CompletableFuture<JsonObject> exchange(URI uri, JsonObject body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json");
        HttpRequest request = body == null ? builder.GET().build()
                : builder.header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(WeChatHttp::answer);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Transport.CONNECT_FAILED.failure("Request not sent: " + e.getMessage(), e));
        }
    }

    private static JsonObject answer(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw Transport.ofStatus(response.statusCode()).failure("HTTP " + response.statusCode(), null);
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(response.body()), StandardCharsets.UTF_8)) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw Transport.BAD_ANSWER.failure("HTTP 200 without a JSON object: " + e.getMessage(), e);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * What a failure of a call means: nothing sent when no permit came in time, the name did not resolve or no
     * connection was established; possibly processed when the request may have been written (request timeout, reset,
     * closed connection, 5xx). Anything unexpected counts as possibly processed.
     */
    public static WeChatException failureOf(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WeChatException w) {
            return w;
        }
        if (t instanceof PermitTimeoutException) {
            return Transport.PERMIT_TIMEOUT.failure(t.getMessage(), t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return Transport.CONNECT_FAILED.failure("WeChat: connect timed out", t);
        }
        if (t instanceof HttpTimeoutException) {
            return Transport.READ_TIMEOUT.failure("WeChat: no answer within the request timeout", t);
        }
        if (causedBy(t, UnresolvedAddressException.class) || causedBy(t, UnknownHostException.class)) {
            return Transport.DNS_FAILURE.failure("WeChat: the API host does not resolve", t);
        }
        if (t instanceof java.io.InterruptedIOException && t.getClass().getSimpleName().contains("ConnectTimeout")) {
            return Transport.CONNECT_FAILED.failure("WeChat: connect timed out", t); // Apache HttpClient (REST Client calls)
        }
        if (t instanceof java.net.SocketTimeoutException) {
            return t.getMessage() != null && t.getMessage().toLowerCase().contains("connect timed out")
                    ? Transport.CONNECT_FAILED.failure("WeChat: connect timed out", t)
                    : Transport.READ_TIMEOUT.failure("WeChat: no answer within the read timeout", t);
        }
        if (t instanceof ConnectException) {
            return Transport.CONNECT_FAILED.failure("WeChat: connection refused or not established: " + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return Transport.RESET_AFTER_SEND.failure("WeChat: connection reset or closed after the request: " + t.getMessage(), t);
        }
        return Transport.BAD_ANSWER.failure("WeChat call failed: " + t, t);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}

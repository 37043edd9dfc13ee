package app.fanmail.sandbox.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes go out without holding a thread: with one dispatcher thread, as many pushes as the in-flight bound are on the
 * wire at once while the receiver holds every answer back, and no more than the bound.
 */
class AsyncPushTest {

    private static final String XML = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><MsgType><![CDATA[event]]>"
            + "</MsgType></xml>";

    private HttpServer server;
    private final List<HttpExchange> held = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile CountDownLatch arrivals;
    private ExecutorService serverThreads;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/wechat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            held.add(exchange); // answered later, by release()
            arrived.incrementAndGet();
            arrivals.countDown();
        });
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void release() {
        for (HttpExchange e : held) {
            held.remove(e);
            try {
                byte[] out = "success".getBytes(StandardCharsets.UTF_8);
                e.sendResponseHeaders(200, out.length);
                e.getResponseBody().write(out);
                e.close();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Test
    void oneThreadKeepsTheWholeInFlightBoundOnTheWire() throws Exception {
        int bound = 64;
        int pushes = 100;
        arrivals = new CountDownLatch(bound);
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        try (HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), 1)) {
            CallbackPusher pusher = new CallbackPusher(transport, System::currentTimeMillis, 1, Duration.ofSeconds(30), 0);
            BoundedDispatcher dispatcher = new BoundedDispatcher(oneThread, bound, 1_000);
            CallbackTarget target = new CallbackTarget("http://127.0.0.1:" + server.getAddress().getPort() + "/wechat",
                    "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
            List<CompletableFuture<PushRecord>> records = new CopyOnWriteArrayList<>();
            for (int i = 0; i < pushes; i++) {
                assertThat(dispatcher.submitAsync(() -> {
                    CompletableFuture<PushRecord> r = pusher.deliverAsync(pusher.prepare(target, "x", "o1", XML));
                    records.add(r);
                    return r;
                })).isTrue();
            }
            // the bound is on the wire at once although the dispatcher has one thread and no answer came yet
            assertThat(arrivals.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(dispatcher.inFlight()).isEqualTo(bound);
            assertThat(dispatcher.queued()).isEqualTo(pushes - bound);
            assertThat(arrived.get()).isEqualTo(bound);
            // answering frees the slots; the rest go out and complete
            arrivals = new CountDownLatch(pushes - bound);
            release();
            assertThat(arrivals.await(20, TimeUnit.SECONDS)).isTrue();
            release();
            CompletableFuture.allOf(waitFor(records, pushes)).get(20, TimeUnit.SECONDS);
            assertThat(records).allSatisfy(r -> assertThat(r.join().status()).isEqualTo("DELIVERED"));
            assertThat(arrived.get()).isEqualTo(pushes);
        } finally {
            oneThread.shutdownNow();
        }
    }

    @Test
    void retriesOfAFailedAsyncPushAreRecorded() throws Exception {
        server.removeContext("/wechat");
        AtomicInteger n = new AtomicInteger();
        server.createContext("/wechat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int code = n.incrementAndGet() < 3 ? 503 : 200;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        try (HttpTransport transport = new HttpTransport(Duration.ofSeconds(2), 1)) {
            CallbackPusher pusher = new CallbackPusher(transport, System::currentTimeMillis, 3, Duration.ofSeconds(5), 5);
            CallbackTarget target = new CallbackTarget("http://127.0.0.1:" + server.getAddress().getPort() + "/wechat",
                    "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
            PushRecord r = pusher.deliverAsync(pusher.prepare(target, "x", "o1", XML)).get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo("DELIVERED");
            assertThat(r.attempts()).extracting(PushRecord.Attempt::outcome).containsExactly("http 503", "http 503", "ok");
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<PushRecord>[] waitFor(List<CompletableFuture<PushRecord>> records, int expected) {
        assertThat(records).hasSize(expected);
        return records.toArray(new CompletableFuture[0]);
    }
}

package app.fanmail.wechat.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Outcome certainty per failure kind and the limits, against local sockets. */
class WeChatHttpTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final JsonObject BODY = Json.createObjectBuilder().add("touser", "o1").build();

    private final ExecutorService completions = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closeables = new java.util.concurrent.CopyOnWriteArrayList<>(); // acceptor threads add to it

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        completions.shutdownNow();
        timer.shutdownNow();
    }

    private WeChatHttp http(int perAccount, double rate, Duration checkout, Duration requestTimeout) {
        return new WeChatHttp(new WeChatHttp.Settings(perAccount, rate, 1000, 1024, checkout, requestTimeout),
                Duration.ofSeconds(2), timer, completions);
    }

    private WeChatHttp http() {
        return http(16, 10_000, Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    private static WeChatException failure(CompletableFuture<JsonObject> call) {
        Throwable t = catchThrowable(() -> call.get(20, TimeUnit.SECONDS));
        assertThat(t).isNotNull();
        return WeChatHttp.failureOf(t);
    }

    /** A server on a loopback port; each connection is handed to {@code handler} on its own thread. */
    private URI server(Consumer<Socket> handler) throws IOException {
        ServerSocket server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        closeables.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    closeables.add(s);
                    new Thread(() -> handler.accept(s)).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/cgi-bin/message/template/send?access_token=t");
    }

    /** Reads one HTTP request (headers and Content-Length body) completely. */
    private static String readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void answer(Socket s, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Test
    void connectionRefusedIsCertainlyNotProcessed() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        WeChatException e = failure(http().post(ACCOUNT, URI.create("http://127.0.0.1:" + port + "/x"), BODY));
        assertThat(e.certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void unresolvableHostIsCertainlyNotProcessed() {
        WeChatException e = failure(http().post(ACCOUNT, URI.create("http://no-such-host.invalid/x"), BODY));
        assertThat(e.certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(e.getMessage()).contains("does not resolve");
    }

    @Test
    void noAnswerAfterTheRequestWasReadMayHaveBeenProcessed() throws IOException {
        CountDownLatch received = new CountDownLatch(1);
        URI uri = server(s -> {
            try {
                readRequest(s);
                received.countDown(); // and never answer
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        CompletableFuture<JsonObject> call = http().post(ACCOUNT, uri, BODY);
        WeChatException e = failure(call);
        assertThat(received.getCount()).isZero();
        assertThat(e.certainty()).isEqualTo(Certainty.MAY_HAVE_BEEN_PROCESSED);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("request timeout");
    }

    @Test
    void resetAfterTheRequestWasWrittenMayHaveBeenProcessed() throws IOException {
        URI uri = server(s -> {
            try {
                readRequest(s);
                s.setSoLinger(true, 0);
                s.close(); // RST
            } catch (IOException ignored) {
                // nothing to do
            }
        });
        WeChatException e = failure(http().post(ACCOUNT, uri, BODY));
        assertThat(e.certainty()).isEqualTo(Certainty.MAY_HAVE_BEEN_PROCESSED);
        assertThat(e.getMessage()).contains("reset or closed");
    }

    @Test
    void http5xxMayHaveBeenProcessedAnd4xxWasNot() throws IOException {
        URI uri5 = server(s -> {
            try {
                readRequest(s);
                answer(s, 503, "busy");
            } catch (IOException ignored) {
                // nothing to do
            }
        });
        WeChatException e5 = failure(http().post(ACCOUNT, uri5, BODY));
        assertThat(e5.certainty()).isEqualTo(Certainty.MAY_HAVE_BEEN_PROCESSED);
        assertThat(e5.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e5.errmsg()).isEqualTo("HTTP 503");

        URI uri4 = server(s -> {
            try {
                readRequest(s);
                answer(s, 404, "no");
            } catch (IOException ignored) {
                // nothing to do
            }
        });
        WeChatException e4 = failure(http().post(ACCOUNT, uri4, BODY));
        assertThat(e4.certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(e4.kind()).isEqualTo(Kind.OTHER);
    }

    /** Apache HttpClient's connect timeout (REST Client calls) has this simple name. */
    static final class ConnectTimeoutException extends java.io.InterruptedIOException {
    }

    @Test
    void blockingClientTimeoutsAreClassifiedToo() {
        assertThat(WeChatHttp.failureOf(new java.net.SocketTimeoutException("Read timed out")).certainty())
                .isEqualTo(Certainty.MAY_HAVE_BEEN_PROCESSED);
        assertThat(WeChatHttp.failureOf(new java.net.SocketTimeoutException("connect timed out")).certainty())
                .isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(WeChatHttp.failureOf(new ConnectTimeoutException()).certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(WeChatHttp.failureOf(new java.util.concurrent.CompletionException(new java.net.ConnectException("refused")))
                .certainty()).isEqualTo(Certainty.NOT_PROCESSED);
    }

    @Test
    void answersAreParsedAndErrcodesLeftToTheCaller() throws Exception {
        URI uri = server(s -> {
            try {
                String request = readRequest(s);
                answer(s, 200, request.contains("\"touser\":\"o1\"") ? "{\"errcode\":45011,\"errmsg\":\"api minute-quota reach limit\"}" : "{}");
            } catch (IOException ignored) {
                // nothing to do
            }
        });
        JsonObject a = http().post(ACCOUNT, uri, BODY).get(20, TimeUnit.SECONDS);
        assertThat(a.getInt("errcode")).isEqualTo(45011);
    }

    @Test
    void noPermitWithinTheCheckoutTimeoutIsCertainlyNotSentAndNothingReachesTheServer() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        URI uri = server(s -> {
            try {
                readRequest(s);
                requests.incrementAndGet();
                first.countDown(); // never answers
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        WeChatHttp http = http(1, 10_000, Duration.ofMillis(200), Duration.ofSeconds(30));
        CompletableFuture<JsonObject> holding = http.post(ACCOUNT, uri, BODY);
        assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();
        WeChatException e = failure(http.post(ACCOUNT, uri, BODY));
        assertThat(e.certainty()).isEqualTo(Certainty.NOT_PROCESSED);
        assertThat(e.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(holding).isNotDone();
        // another account has its own permits
        CompletableFuture<JsonObject> other = http.post(UUID.randomUUID(), uri, BODY);
        assertThat(other.isCompletedExceptionally()).isFalse();
    }

    @Test
    void manyCallsInFlightHoldNoThread() throws Exception {
        int calls = 64;
        CountDownLatch all = new CountDownLatch(calls);
        URI uri = server(s -> {
            try {
                readRequest(s);
                all.countDown();
                // answer only once every request has arrived: with blocking calls on 2 threads, they never would
                if (all.await(30, TimeUnit.SECONDS)) {
                    answer(s, 200, "{\"errcode\":0,\"msgid\":1}");
                }
            } catch (IOException | InterruptedException ignored) {
                // nothing to do
            }
        });
        WeChatHttp http = http(calls, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(30));
        List<CompletableFuture<JsonObject>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            futures.add(http.post(ACCOUNT, uri, BODY));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(futures).allSatisfy(f -> assertThat(f.get().getInt("msgid")).isEqualTo(1));
        assertThat(http.inFlight()).isZero();
    }
}

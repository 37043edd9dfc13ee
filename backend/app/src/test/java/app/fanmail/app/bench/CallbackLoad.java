package app.fanmail.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import app.fanmail.wechat.domain.CallbackCrypto;

/**
 * Load generator for the callback receiver: signed, AES-encrypted (SAFE mode) pushes of unique
 * text messages, sent with a fixed number in flight for a fixed time, from its own JVM. Payloads are
 * prepared before the clock starts, so the generator measures the server, not its own crypto.
 * Prints requests/s and latency percentiles. Bounded in count and time; loopback only.
 *
 * <pre>java … CallbackLoad BASE_URL APP_ID TOKEN AES_KEY [concurrency=32] [seconds=20] [warmupSeconds=5]</pre>
 * With {@code -Dfanmail.bench.wrk-file=FILE} it only writes the prepared requests (path TAB body per
 * line) for {@code wildfly-config/bench/callback-ingest.lua}, so that wrk, a lighter generator, sends them.
 */
public final class CallbackLoad {
    private CallbackLoad() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String appId = args[1];
        String token = args[2];
        String aesKey = args[3];
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;
        if (!URI.create(base).getHost().matches("127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1]")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        int prepared = 120_000;
        System.out.printf("preparing %d signed SAFE-mode pushes…%n", prepared);
        HttpRequest[] requests = new HttpRequest[prepared];
        String[] paths = new String[prepared];
        String[] bodies = new String[prepared];
        long runId = System.nanoTime();
        for (int i = 0; i < prepared; i++) {
            String xml = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oLoad" + (i % 5000)
                    + "]]></FromUserName><CreateTime>" + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                    + "<Content><![CDATA[load test message " + i + "]]></Content><MsgId>" + (runId + i) + "</MsgId></xml>";
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String nonce = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000_000));
            String encrypt = CallbackCrypto.encrypt(aesKey, appId, xml);
            String query = "signature=" + CallbackCrypto.signature(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce
                    + "&openid=oLoad&encrypt_type=aes&msg_signature=" + CallbackCrypto.signature(token, timestamp, nonce, encrypt);
            String body = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>";
            paths[i] = "/api/wechat/callback/" + appId + "?" + query;
            bodies[i] = body;
            requests[i] = HttpRequest.newBuilder(URI.create(base + "/api/wechat/callback/" + appId + "?" + query))
                    .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }
        String wrkFile = System.getProperty("fanmail.bench.wrk-file");
        if (wrkFile != null) {
            try (var out = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(wrkFile))) {
                for (int i = 0; i < prepared; i++) {
                    out.write(paths[i]);
                    out.write('\t');
                    out.write(bodies[i]);
                    out.write('\n');
                }
            }
            System.out.printf("wrote %d requests to %s%n", prepared, wrkFile);
            return;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        System.out.printf("warm-up %d s…%n", warmup);
        run(client, requests, next, concurrency, warmup * 1000L, null);
        long[] latencies = new long[prepared];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        System.out.printf("measuring %d s with %d in flight…%n", seconds, concurrency);
        long start = System.nanoTime();
        run(client, requests, next, concurrency, seconds * 1000L, new Recorder(latencies, recorded, failures));
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = recorded.get();
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        System.out.printf("requests:   %d ok, %d failed, in %.1f s%n", n, failures.get(), elapsed);
        System.out.printf("throughput: %.0f req/s%n", n / elapsed);
        System.out.printf("latency:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        if (failures.get() > 0) {
            System.exit(1);
        }
    }

    private record Recorder(long[] latencies, AtomicInteger count, AtomicLong failures) {
    }

    private static void run(HttpClient client, HttpRequest[] requests, AtomicInteger next, int concurrency, long millis, Recorder rec)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            int i = next.getAndIncrement();
            if (i >= requests.length) {
                break;
            }
            inFlight.acquire();
            long t0 = System.nanoTime();
            client.sendAsync(requests[i], HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> {
                long took = System.nanoTime() - t0;
                if (rec != null) {
                    if (err == null && res.statusCode() == 200 && "success".equals(res.body())) {
                        int slot = rec.count().getAndIncrement();
                        if (slot < rec.latencies().length) {
                            rec.latencies()[slot] = took;
                        }
                    } else {
                        rec.failures().incrementAndGet();
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        inFlight.release(concurrency);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))] / 1e6;
    }
}

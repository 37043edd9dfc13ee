package app.fanmail.sandbox.push;

import static org.assertj.core.api.Assertions.assertThat;

import app.fanmail.sandbox.crypto.Signatures;
import app.fanmail.sandbox.crypto.WxBizMsgCrypt;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes over real HTTP to a JDK HttpServer that checks them like a WeChat receiver would. */
class CallbackPusherTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String XML = "<xml>\n<ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>\n"
            + "<FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>\n<CreateTime>1395658920</CreateTime>\n"
            + "<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>\n"
            + "<MsgID>3487542469355618313</MsgID>\n<Status><![CDATA[success]]></Status>\n</xml>";

    private HttpServer server;
    private final List<Map<String, String>> queries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int failFirst;
    private volatile int status = 200;
    private volatile String reply = "success";
    private volatile long sleepMs;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/wechat", exchange -> {
            int n = calls.incrementAndGet();
            queries.add(parse(exchange.getRequestURI().getRawQuery()));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (sleepMs > 0 && n <= failFirst) {
                try {
                    Thread.sleep(sleepMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = n <= failFirst && sleepMs == 0 ? 500 : status;
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/wechat";
    }

    private CallbackPusher pusher(Duration timeout) {
        return new CallbackPusher(new HttpTransport(Duration.ofSeconds(2)), System::currentTimeMillis, 3, timeout, 10);
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> m = new HashMap<>();
        if (rawQuery != null) {
            for (String kv : rawQuery.split("&")) {
                String[] p = kv.split("=", 2);
                m.put(p[0], java.net.URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + "><!\\[CDATA\\[(.*?)]]></" + name + ">", Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void plainPushesAreSignedWithTokenTimestampAndNonce() {
        CallbackTarget target = new CallbackTarget(url(), "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
        PushRecord r = pusher(Duration.ofSeconds(5)).deliver(pusher(Duration.ofSeconds(5)).prepare(target,
                "TEMPLATESENDJOBFINISH", "oia2TjuEGTNoeX76QEjQNrcURxG8", XML));
        assertThat(r.status()).isEqualTo("DELIVERED");
        Map<String, String> q = queries.get(0);
        assertThat(q.get("signature")).isEqualTo(Signatures.sha1Sorted("tok", q.get("timestamp"), q.get("nonce")));
        assertThat(q.get("openid")).isEqualTo("oia2TjuEGTNoeX76QEjQNrcURxG8");
        assertThat(q).doesNotContainKey("encrypt_type");
        assertThat(bodies.get(0)).isEqualTo(XML);
    }

    @Test
    void safeModeCarriesOnlyToUserNameAndEncrypt() {
        CallbackTarget target = new CallbackTarget(url(), "tok", KEY, "wxapp", EncryptionMode.SAFE, "gh_1");
        CallbackPusher p = pusher(Duration.ofSeconds(5));
        assertThat(p.deliver(p.prepare(target, "x", "o1", XML)).status()).isEqualTo("DELIVERED");
        Map<String, String> q = queries.get(0);
        String body = bodies.get(0);
        assertThat(q.get("encrypt_type")).isEqualTo("aes");
        assertThat(body).doesNotContain("TEMPLATESENDJOBFINISH");
        assertThat(element(body, "ToUserName")).isEqualTo("gh_1");
        String encrypt = element(body, "Encrypt");
        assertThat(q.get("msg_signature")).isEqualTo(Signatures.sha1Sorted("tok", q.get("timestamp"), q.get("nonce"), encrypt));
        WxBizMsgCrypt crypt = new WxBizMsgCrypt("tok", KEY, "wxapp");
        assertThat(crypt.verifyAndDecrypt(q.get("msg_signature"), q.get("timestamp"), q.get("nonce"), encrypt).message())
                .isEqualTo(XML);
    }

    @Test
    void compatibleModeCarriesPlaintextFieldsAndEncrypt() {
        CallbackTarget target = new CallbackTarget(url(), "tok", KEY, "wxapp", EncryptionMode.COMPATIBLE, "gh_1");
        CallbackPusher p = pusher(Duration.ofSeconds(5));
        p.deliver(p.prepare(target, "x", "o1", XML));
        String body = bodies.get(0);
        assertThat(element(body, "Event")).isEqualTo("TEMPLATESENDJOBFINISH");
        assertThat(new WxBizMsgCrypt("tok", KEY, "wxapp").decrypt(element(body, "Encrypt")).message()).isEqualTo(XML);
        assertThat(queries.get(0).get("encrypt_type")).isEqualTo("aes");
    }

    @Test
    void failedTriesAreRetriedThreeTimesInAll() {
        failFirst = 2;
        CallbackTarget target = new CallbackTarget(url(), "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
        CallbackPusher p = pusher(Duration.ofSeconds(5));
        PushRecord r = p.deliver(p.prepare(target, "x", "o1", XML));
        assertThat(r.status()).isEqualTo("DELIVERED");
        assertThat(r.attempts()).extracting(PushRecord.Attempt::outcome).containsExactly("http 500", "http 500", "ok");
        assertThat(bodies).hasSize(3).allMatch(b -> b.equals(XML));
        assertThat(queries.get(0)).isEqualTo(queries.get(2)); // the same request each time

        status = 503;
        PushRecord failed = p.deliver(p.prepare(target, "x", "o1", XML));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).hasSize(3);
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetried() {
        failFirst = 1;
        sleepMs = 700;
        CallbackTarget target = new CallbackTarget(url(), "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
        CallbackPusher p = pusher(Duration.ofMillis(300));
        PushRecord r = p.deliver(p.prepare(target, "x", "o1", XML));
        assertThat(r.attempts().get(0).outcome()).isEqualTo("timeout");
        assertThat(r.status()).isEqualTo("DELIVERED");
        assertThat(r.attempts()).hasSize(2);
    }

    @Test
    void anEmptyReplyCountsAsSuccessAndOtherTextIsRecorded() {
        reply = "";
        CallbackTarget target = new CallbackTarget(url(), "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
        CallbackPusher p = pusher(Duration.ofSeconds(5));
        assertThat(p.deliver(p.prepare(target, "x", "o1", XML)).status()).isEqualTo("DELIVERED");
        reply = "oops";
        PushRecord r = p.deliver(p.prepare(target, "x", "o1", XML));
        assertThat(r.status()).isEqualTo("DELIVERED_BAD_REPLY");
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.lastReply()).isEqualTo("oops");
    }

    @Test
    void noUrlMeansNoAttempt() {
        CallbackTarget target = new CallbackTarget("", "tok", null, "wxapp", EncryptionMode.PLAIN, "gh_1");
        CallbackPusher p = pusher(Duration.ofSeconds(5));
        assertThat(p.deliver(p.prepare(target, "x", "o1", XML)).status()).isEqualTo("NO_CALLBACK_URL");
        assertThat(calls.get()).isZero();
    }

    @Test
    void theDispatcherBoundsConcurrencyAndQueueLength() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            BoundedDispatcher d = new BoundedDispatcher(pool, 2, 5);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(5);
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                boolean ok = d.submit(() -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    done.countDown();
                });
                accepted += ok ? 1 : 0;
            }
            done.await(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(peak.get()).isLessThanOrEqualTo(2);
            assertThat(accepted).isBetween(5, 7);
            assertThat(d.rejected()).isEqualTo(10 - accepted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void transportUsesPost() throws Exception {
        Transport.Reply r = new HttpTransport(Duration.ofSeconds(2)).post(URI.create(url()), XML.getBytes(StandardCharsets.UTF_8),
                "text/xml", Duration.ofSeconds(2));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("success");
    }
}

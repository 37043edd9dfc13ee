// SUBSCRIBERS WebSocket subscriptions to one dispatch job's progress, as Fanmail's UI opens them (graphql-transport-ws on
// ws://host/graphql, the session cookie on the handshake, Origin = Fanmail's own, one connection per subscriber, the UI's
// DispatchProgress selection), with numbers on what they received. Single file, JDK 17 only (java.net.http.WebSocket):
//
//   java ProgressSubscribers.java URL COOKIE JOB_ID SUBSCRIBERS READY_FILE SAMPLES_FILE [MAX_SECONDS=900]
//
// URL is Fanmail's http://host:port, COOKIE the session cookie ("fanmail_session=..."). It connects every subscriber
// (50 handshakes at a time), subscribes, waits for each one's first item, then creates READY_FILE (the caller starts
// the job then) and records every item until every subscription completed (Fanmail completes it after the job's final
// item), failed or closed, MAX_SECONDS passed, or 15 s passed since any subscriber received the final item. Per item
// it notes the receive time and the item's own `at` ("when it was read" from PostgreSQL by the node's coalesced
// poller, shared by all subscribers): lag = receive − at, on the same machine's clock. The SENDING window runs from the first SENDING item any subscriber received to the last one; per
// subscriber it counts that window's items (rate = items ÷ window), the gaps between consecutive items (the last
// SENDING item to the next item included), and the whole seconds of the window in which it received nothing.
// SAMPLES_FILE gets one CSV line per SENDING item: receive epoch seconds, done count (for the caller's freshness lag).
// Prints "key: value" lines; exits 1 when no subscriber connected, 2 on bad arguments.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ProgressSubscribers {
    static final String QUERY = "subscription DispatchProgress($jobId: ID!) { dispatchProgress(jobId: $jobId) { jobId state "
            + "counts { queued sending sent delivered userBlocked systemFailed failed skipped inDoubt done total } ratePerSecond etaSeconds at } }";
    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_]+)\"");
    static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern DONE = Pattern.compile("\"done\"\\s*:\\s*(\\d+)");
    static final java.util.Set<String> TERMINAL = java.util.Set.of("COMPLETED", "CANCELLED", "FAILED");

    /** One received item: receive time and the item's own time (epoch micros), its state and done count. */
    record Item(long recvMicros, long atMicros, String state, long done) {
    }

    static final Map<String, AtomicInteger> ERRORS = new ConcurrentHashMap<>();
    /** System.nanoTime() when any subscriber first received a final item (0 before). */
    static final java.util.concurrent.atomic.AtomicLong FINAL_SEEN = new java.util.concurrent.atomic.AtomicLong();

    static void error(String what) {
        ERRORS.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    static final class Subscriber implements WebSocket.Listener {
        final int index;
        final String job;
        final List<Item> items = Collections.synchronizedList(new ArrayList<>());
        final StringBuilder partial = new StringBuilder();
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        volatile boolean completed; // got "complete" after a final item
        volatile boolean connected;
        WebSocket ws;

        Subscriber(int index, String job) {
            this.index = index;
            this.job = job;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.ws = webSocket;
            webSocket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long recv = micros(Instant.now());
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                handle(webSocket, text, recv);
            }
            webSocket.request(1);
            return null;
        }

        void handle(WebSocket webSocket, String text, long recv) {
            Matcher type = TYPE.matcher(text);
            String t = type.find() ? type.group(1) : "?";
            switch (t) {
                case "connection_ack" -> {
                    connected = true;
                    String payload = "{\"query\":" + quote(QUERY) + ",\"variables\":{\"jobId\":" + quote(job) + "}}";
                    webSocket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":" + payload + "}", true);
                }
                case "ping" -> webSocket.sendText("{\"type\":\"pong\"}", true);
                case "pong" -> {
                }
                case "next" -> {
                    if (text.contains("\"errors\"")) {
                        error("GraphQL errors in an item: " + abbreviate(text));
                    }
                    Matcher s = STATE.matcher(text), a = AT.matcher(text), d = DONE.matcher(text);
                    if (s.find() && a.find() && d.find()) {
                        items.add(new Item(recv, micros(Instant.parse(a.group(1))), s.group(1), Long.parseLong(d.group(1))));
                        if (TERMINAL.contains(s.group(1))) {
                            FINAL_SEEN.compareAndSet(0, System.nanoTime());
                        }
                        first.countDown();
                    } else {
                        error("item without state/at/done: " + abbreviate(text));
                    }
                }
                case "error" -> {
                    error("subscription error: " + abbreviate(text));
                    end();
                }
                case "complete" -> {
                    synchronized (items) {
                        completed = !items.isEmpty() && TERMINAL.contains(items.get(items.size() - 1).state());
                    }
                    if (!completed) {
                        error("completed before a final item");
                    }
                    webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                    end();
                }
                default -> error("unexpected message type " + t);
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (!completed) {
                error("closed by the server before the end: " + statusCode + " " + reason);
            }
            end();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (!completed) {
                error("connection error: " + error);
            }
            end();
        }

        void end() {
            first.countDown();
            finished.countDown();
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String f(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format("%." + decimals + "f", v);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: java ProgressSubscribers.java URL COOKIE JOB_ID SUBSCRIBERS READY_FILE SAMPLES_FILE [MAX_SECONDS=900]");
            System.exit(2);
        }
        String url = args[0].replaceFirst("/+$", "");
        String cookie = args[1];
        String job = args[2];
        int n = Integer.parseInt(args[3]);
        Path ready = Path.of(args[4]);
        Path samples = Path.of(args[5]);
        long maxSeconds = args.length > 6 ? Long.parseLong(args[6]) : 900;
        URI ws = URI.create(url.replaceFirst("^http", "ws") + "/graphql");

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<Subscriber> subs = new ArrayList<>();
        Semaphore handshakes = new Semaphore(50);
        long c0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Subscriber s = new Subscriber(i, job);
            subs.add(s);
            handshakes.acquire();
            client.newWebSocketBuilder().header("Cookie", cookie).header("Origin", url)
                    .subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(ws, s)
                    .whenComplete((w, e) -> {
                        handshakes.release();
                        if (e != null) {
                            error("handshake failed: " + e.getClass().getSimpleName() + " " + abbreviate(String.valueOf(e.getMessage())));
                            s.end();
                        }
                    });
        }
        for (Subscriber s : subs) {
            if (!s.first.await(60, TimeUnit.SECONDS)) {
                error("no first item within 60 s");
            }
        }
        double connectSeconds = (System.nanoTime() - c0) / 1e9;
        int live = 0;
        for (Subscriber s : subs) {
            if (!s.items.isEmpty() && s.finished.getCount() > 0) {
                live++;
            }
        }
        System.out.println("connected:  " + live + " of " + n + " subscribers had their first item after " + f(connectSeconds, 1) + " s");
        System.out.flush();
        Files.writeString(ready, live + "\n");
        if (live == 0) {
            printErrors();
            System.exit(1);
        }

        // until every subscription ended, MAX_SECONDS passed, or 15 s after anyone received the job's final item
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        while (true) {
            long open = subs.stream().filter(s -> s.finished.getCount() > 0).count();
            long now = System.nanoTime();
            long finalSeen = FINAL_SEEN.get();
            String late = now > deadline ? "still open after " + maxSeconds + " s"
                    : finalSeen != 0 && now - finalSeen > TimeUnit.SECONDS.toNanos(15) ? "still open 15 s after the final item" : null;
            if (open == 0 || late != null) {
                if (open > 0) {
                    ERRORS.computeIfAbsent(late, k -> new AtomicInteger()).addAndGet((int) open);
                }
                break;
            }
            Thread.sleep(100);
        }
        for (Subscriber s : subs) {
            if (s.ws != null && !s.ws.isOutputClosed()) {
                s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bench over");
            }
        }
        report(subs, samples);
        System.exit(0);
    }

    static void report(List<Subscriber> subs, Path samples) throws Exception {
        // the SENDING window: first to last SENDING item received by anyone
        long w0 = Long.MAX_VALUE, w1 = Long.MIN_VALUE;
        long total = 0;
        for (Subscriber s : subs) {
            synchronized (s.items) {
                total += s.items.size();
                for (Item i : s.items) {
                    if (i.state().equals("SENDING")) {
                        w0 = Math.min(w0, i.recvMicros());
                        w1 = Math.max(w1, i.recvMicros());
                    }
                }
            }
        }
        System.out.println("items:      " + total + " received in all");
        if (w0 == Long.MAX_VALUE || w1 <= w0) {
            System.out.println("window:     no SENDING items received: nothing to measure");
            printErrors();
            return;
        }
        double window = (w1 - w0) / 1e6;
        int seconds = (int) Math.floor(window);
        List<Double> lags = new ArrayList<>(), gaps = new ArrayList<>(), rates = new ArrayList<>();
        long sending = 0, silentSeconds = 0, subscriberSeconds = 0;
        StringBuilder csv = new StringBuilder();
        for (Subscriber s : subs) {
            List<Item> items;
            synchronized (s.items) {
                items = new ArrayList<>(s.items);
            }
            int inWindow = 0;
            int[] perSecond = new int[Math.max(seconds, 0)];
            Item previous = null;
            for (Item i : items) {
                boolean isSending = i.state().equals("SENDING");
                if (previous != null && previous.state().equals("SENDING")) {
                    gaps.add((i.recvMicros() - previous.recvMicros()) / 1e3);
                }
                if (isSending) {
                    inWindow++;
                    lags.add((i.recvMicros() - i.atMicros()) / 1e3);
                    int sec = (int) ((i.recvMicros() - w0) / 1_000_000L);
                    if (sec < perSecond.length) {
                        perSecond[sec]++;
                    }
                    csv.append(i.recvMicros() / 1_000_000L).append('.').append(String.format("%06d", i.recvMicros() % 1_000_000L))
                            .append(',').append(i.done()).append('\n');
                }
                previous = i;
            }
            sending += inWindow;
            rates.add(inWindow / window);
            for (int c : perSecond) {
                subscriberSeconds++;
                if (c == 0) {
                    silentSeconds++;
                }
            }
        }
        Files.writeString(samples, csv);
        Collections.sort(lags);
        Collections.sort(gaps);
        Collections.sort(rates);
        long completed = subs.stream().filter(s -> s.completed).count();
        System.out.println("window:     SENDING items received over " + f(window, 1) + " s (first to last SENDING item, any subscriber): "
                + sending + " items; " + completed + " of " + subs.size() + " subscriptions completed after the final item");
        System.out.println("per sub:    updates/s min " + f(rates.get(0), 2) + ", median " + f(percentile(rates, 50), 2) + ", max "
                + f(rates.get(rates.size() - 1), 2) + " (target >= 1/s); whole seconds without an item: " + silentSeconds + " of "
                + subscriberSeconds + " subscriber-seconds");
        System.out.println("gaps:       between a subscriber's items p50 " + f(percentile(gaps, 50), 0) + " ms, p99 " + f(percentile(gaps, 99), 0)
                + " ms, max " + f(percentile(gaps, 100), 0) + " ms");
        System.out.println("lag:        receive − item's at: p50 " + f(percentile(lags, 50), 0) + " ms, p95 " + f(percentile(lags, 95), 0)
                + " ms, p99 " + f(percentile(lags, 99), 0) + " ms, max " + f(percentile(lags, 100), 0) + " ms (target p95 <= 1000 ms)");
        System.out.println(String.format("windowat:   %.6f %.6f", w0 / 1e6, w1 / 1e6));
        printErrors();
    }

    static void printErrors() {
        int sum = ERRORS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("errors:     " + sum + (sum == 0 ? " (no failed handshake, error or early close)" : ":"));
        new TreeMap<>(ERRORS).forEach((k, v) -> System.out.println("            " + v.get() + " × " + k));
    }
}

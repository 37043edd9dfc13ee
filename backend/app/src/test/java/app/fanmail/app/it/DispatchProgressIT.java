package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.audiences.api.AudienceSelector;
import app.fanmail.dispatch.api.Dispatch;
import app.fanmail.dispatch.api.DispatchJob;
import app.fanmail.dispatch.api.FieldValue;
import app.fanmail.dispatch.api.JobState;
import app.fanmail.dispatch.api.NewTemplateJob;
import app.fanmail.dispatch.api.RecipientState;
import app.fanmail.dispatch.api.TemplateContent;
import app.fanmail.dispatch.application.ProgressHub;
import app.fanmail.dispatch.application.ProgressSource;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.api.WeChatTemplates;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Live dispatch progress over graphql-transport-ws against the WeChat sandbox: items at least once a second while a job
 * sends, counts that only grow and end at the stored counts, one poller for many subscribers, the jobs list's changes,
 * the metrics on the management interface, and counts of a 100,000-recipient job read in well under 50 ms.
 */
@ExtendWith(ArquillianExtension.class)
class DispatchProgressIT {
    private static final int OFFSET = Integer.getInteger("jboss.socket.binding.port-offset", Integer.getInteger("fanmail.test.port-offset", 100));
    private static final String BASE = "http://127.0.0.1:" + (8080 + OFFSET);
    private static final String SANDBOX = BASE + "/wechat-sandbox";
    private static final String METRICS = "http://127.0.0.1:" + (9990 + OFFSET) + "/metrics";
    private static final String COUNTS = "counts { queued sending sent delivered userBlocked systemFailed failed skipped inDoubt done total }";
    private static final String PROGRESS = "subscription($j: ID!) { dispatchProgress(jobId: $j) { jobId state " + COUNTS
            + " ratePerSecond etaSeconds at } }";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(DispatchProgressIT.class, SandboxControlClient.class, FanmailClient.class,
                FanmailClient.Subscriptions.class, TestServer.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatTemplates templates;
    @Inject
    Dispatch dispatch;
    @Inject
    ProgressSource progress;
    @Inject
    ProgressHub hub;
    @Resource(lookup = "java:jboss/datasources/FanmailDS")
    DataSource ds;

    private final SandboxControlClient control = new SandboxControlClient(SANDBOX);

    private record Acc(UUID id, String appId) {
    }

    private static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
        }
        return b.toString();
    }

    /** A verified service account in Fanmail and in the sandbox, with n fans in both; sends answered after latencyMs, no delivery pushes. */
    private Acc account(int fans, int latencyMs) throws Exception {
        String appId = "wx" + hex(16);
        String secret = hex(32);
        String token = "Tok" + hex(6);
        UUID id = registration.register(new NewAccount("Progress " + hex(4), "gh_" + hex(12), appId, secret, token,
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, SANDBOX)).id();
        control.post("/_sandbox/accounts", Json.createObjectBuilder().add("appId", appId).add("appSecret", secret).add("token", token)
                .add("encryptionMode", "PLAIN").add("callbackUrl", BASE + "/api/wechat/callback/" + appId)
                .add("type", "SERVICE").add("verified", true).add("originalId", "gh_" + hex(12)).build());
        Acc acc = new Acc(id, appId);
        control.post("/_sandbox/accounts/" + appId + "/fans:seed", Json.createObjectBuilder().add("count", fans).add("seed", 7).build());
        List<String> openids = new ArrayList<>();
        control.get("/_sandbox/accounts/" + appId + "/fans?offset=0&limit=" + fans).getJsonArray("fans").getValuesAs(JsonObject.class)
                .forEach(f -> openids.add(f.getString("openid")));
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, "
                + "remark, tag_ids, created_at, updated_at) select ?, o, true, 'remark ' || o, '{}', now(), now() from unnest(?) o")) {
            s.setObject(1, id);
            s.setArray(2, c.createArrayOf("text", openids.toArray()));
            s.executeUpdate();
        }
        control.post("/_sandbox/accounts/" + appId + "/outcomes", Json.createObjectBuilder()
                .add("suppressedPushes", Json.createArrayBuilder().add("TEMPLATESENDJOBFINISH")).build());
        control.post("/_sandbox/accounts/" + appId + "/faults", Json.createObjectBuilder().add("latencyMs", latencyMs)
                .add("apis", Json.createArrayBuilder().add("message/template/send")).build());
        return acc;
    }

    private DispatchJob plannedJob(Acc acc) {
        templates.setIndustries(acc.id(), 1, 4);
        String templateId = templates.add(acc.id(), "TM00015", List.of());
        String text = templates.list(acc.id()).stream().filter(t -> t.templateId().equals(templateId)).findFirst().orElseThrow().content();
        Map<String, FieldValue> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\{\\{(\\w+)\\.DATA}}").matcher(text);
        while (m.find()) {
            fields.put(m.group(1), m.group(1).equals("keyword1") ? FieldValue.of(FieldValue.Source.OPENID) : FieldValue.fixed("进度"));
        }
        return dispatch.createTemplateJob(new NewTemplateJob(acc.id(), new TemplateContent(templateId, fields, null, null, null),
                new AudienceSelector.All()), "it-operator");
    }

    private static FanmailClient.Subscriptions connect() throws Exception {
        FanmailClient admin = new FanmailClient(BASE);
        assertThat(admin.signIn("admin", System.getProperty("fanmail.admin.password")).statusCode()).isEqualTo(200);
        FanmailClient.Subscriptions ws = admin.openSubscriptions(BASE);
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(next(ws, Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        return ws;
    }

    private static void close(FanmailClient.Subscriptions ws) throws Exception {
        ws.socket(Duration.ofSeconds(10)).sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void subscribe(FanmailClient.Subscriptions ws, String id, String query, String variable, Object value) throws Exception {
        ws.send(Json.createObjectBuilder().add("id", id).add("type", "subscribe").add("payload", Json.createObjectBuilder().add("query", query)
                .add("variables", Json.createObjectBuilder().add(variable, value.toString()))).build().toString());
    }

    /** The next message other than keep-alive pings; null on timeout. */
    private static JsonObject next(FanmailClient.Subscriptions ws, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (JsonObject m = ws.next(timeout); m != null; m = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
            if (!"ping".equals(m.getString("type", "")) && !"pong".equals(m.getString("type", ""))) {
                return m;
            }
        }
        return null;
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Map<String, Long> countsOf(JsonObject counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k, counts.getJsonNumber(k).longValue()));
        return out;
    }

    /** The stored counts as the GraphQL type names them. */
    private Map<String, Long> stored(UUID jobId, int total) {
        Map<RecipientState, Long> c = dispatch.counts(jobId);
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("queued", c.get(RecipientState.QUEUED));
        out.put("sending", c.get(RecipientState.SENDING));
        out.put("sent", c.get(RecipientState.SENT));
        out.put("delivered", c.get(RecipientState.DELIVERED));
        out.put("userBlocked", c.get(RecipientState.USER_BLOCKED));
        out.put("systemFailed", c.get(RecipientState.SYSTEM_FAILED));
        out.put("failed", c.get(RecipientState.FAILED));
        out.put("skipped", c.get(RecipientState.SKIPPED));
        out.put("inDoubt", c.get(RecipientState.IN_DOUBT));
        out.put("done", c.entrySet().stream().filter(e -> e.getKey().sendFinal()).mapToLong(Map.Entry::getValue).sum());
        out.put("total", (long) total);
        return out;
    }

    /** Sum of a metric's samples whose labels include all of {@code labels} (Prometheus text format on the management interface). */
    private static double metric(String name, Map<String, String> labels) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(METRICS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(METRICS).isEqualTo(200);
        double sum = 0;
        boolean found = false;
        for (String line : res.body().split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String labelText = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
            if (labels.entrySet().stream().allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            System.out.println("metrics diagnosis: " + registryDiagnosis() + " lines: " + java.util.Arrays.stream(res.body().split("\n"))
                    .filter(l -> l.startsWith("fanmail") || l.contains("dispatch_") || l.startsWith("# TYPE fanmail")).limit(40).toList());
        }
        assertThat(found).as(name + labels + " in " + METRICS).isTrue();
        return sum;
    }

    /** PostgreSQL's execution time of a query with one uuid parameter (EXPLAIN ANALYZE, warmed by one run before). */
    private double executionMs(String sql, UUID param) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("explain (analyze, format json) " + sql)) {
            s.setObject(1, param);
            s.executeQuery().close();
            try (var rs = s.executeQuery()) {
                rs.next();
                try (var r = Json.createReader(new java.io.StringReader(rs.getString(1)))) {
                    return r.readArray().getJsonObject(0).getJsonNumber("Execution Time").doubleValue();
                }
            }
        }
    }

    private static String registryDiagnosis() {
        try {
            Class<?> type = Class.forName("io.micrometer.core.instrument.MeterRegistry", true, Thread.currentThread().getContextClassLoader());
            Object registry = jakarta.enterprise.inject.spi.CDI.current().select(type).get();
            List<?> meters = (List<?>) type.getMethod("getMeters").invoke(registry);
            return registry.getClass() + " " + meters.size() + " meters: " + meters.stream().map(m -> {
                try {
                    Object id = m.getClass().getMethod("getId").invoke(m);
                    return String.valueOf(id);
                } catch (ReflectiveOperationException e) {
                    return e.toString();
                }
            }).filter(x -> x.contains("fanmail.dispatch")).limit(20).toList();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void progressComesAtLeastOnceASecondGrowsAndEndsAtTheStoredCounts() throws Exception {
        Acc acc = account(3000, 300);
        DispatchJob job = plannedJob(acc);
        FanmailClient.Subscriptions ws = connect();
        subscribe(ws, "p", PROGRESS, "j", job.id());
        JsonObject first = next(ws, Duration.ofSeconds(10));
        assertThat(first).as("the first item at once").isNotNull();
        JsonObject firstProgress = first.getJsonObject("payload").getJsonObject("data").getJsonObject("dispatchProgress");
        assertThat(firstProgress.getString("state")).isEqualTo("PLANNED");
        assertThat(firstProgress.getJsonObject("counts").getInt("queued")).isEqualTo(3000);
        assertThat(firstProgress.isNull("etaSeconds")).isTrue();

        // the live jobs list of the account, on a second connection
        FanmailClient.Subscriptions list = connect();
        subscribe(list, "l", "subscription($a: ID) { dispatchJobsChanged(accountId: $a) { id accountId state startedAt finishedAt " + COUNTS + " } }", "a", acc.id());
        await("the jobs list subscription to be set up", Duration.ofSeconds(10), () -> hub.watchedAccounts() == 1);

        dispatch.start(job.id(), "it-operator");
        List<JsonObject> items = new ArrayList<>();
        items.add(firstProgress);
        JsonObject end = null;
        for (JsonObject m = next(ws, Duration.ofSeconds(30)); m != null; m = next(ws, Duration.ofSeconds(30))) {
            if (!"next".equals(m.getString("type"))) {
                end = m;
                break;
            }
            items.add(m.getJsonObject("payload").getJsonObject("data").getJsonObject("dispatchProgress"));
        }
        assertThat(end).as("the subscription completes when the job ends").isNotNull();
        assertThat(end.getString("type")).as(end.toString()).isEqualTo("complete");
        JsonObject last = items.get(items.size() - 1);
        assertThat(last.getString("state")).isEqualTo("COMPLETED");
        assertThat(countsOf(last.getJsonObject("counts"))).isEqualTo(stored(job.id(), 3000));
        assertThat(last.getJsonObject("counts").getInt("sent")).isEqualTo(3000);

        List<Integer> done = items.stream().map(p -> p.getJsonObject("counts").getInt("done")).toList();
        assertThat(done).as("done only grows").isSorted();
        List<JsonObject> sending = items.stream().filter(p -> p.getString("state").equals("SENDING")).toList();
        DispatchJob ended = dispatch.job(job.id()).orElseThrow();
        double seconds = Duration.between(ended.startedAt(), ended.finishedAt()).toMillis() / 1000.0;
        System.out.printf("dispatch progress: %d items (%d while SENDING) over %.1f s of sending%n", items.size(), sending.size(), seconds);
        assertThat(seconds).as("the sandbox's latency makes the job send for a few seconds").isGreaterThan(2);
        // at least one item a second while sending (generous: the server measures, the test only bounds), at most ~4 a second
        assertThat(sending.size()).isGreaterThanOrEqualTo((int) Math.floor(seconds) - 1).isLessThanOrEqualTo((int) Math.ceil(seconds * 5) + 2);
        for (int i = 1; i < sending.size(); i++) {
            Duration gap = Duration.between(Instant.parse(sending.get(i - 1).getString("at")), Instant.parse(sending.get(i).getString("at")));
            assertThat(gap).as("gap between items while sending").isLessThan(Duration.ofMillis(2500));
        }
        assertThat(sending).anySatisfy(p -> assertThat(p.getJsonNumber("ratePerSecond").doubleValue()).isPositive());
        assertThat(sending).anySatisfy(p -> assertThat(p.isNull("etaSeconds")).isFalse());

        // the jobs list heard of the start, of counts while sending, and of the completion with the final counts
        List<JsonObject> changes = new ArrayList<>();
        for (JsonObject m = next(list, Duration.ofSeconds(5)); m != null; m = next(list, Duration.ofSeconds(2))) {
            assertThat(m.getString("type")).as(m.toString()).isEqualTo("next");
            changes.add(m.getJsonObject("payload").getJsonObject("data").getJsonObject("dispatchJobsChanged"));
        }
        assertThat(changes).allSatisfy(c -> assertThat(c.getString("id")).isEqualTo(job.id().toString()));
        assertThat(changes.stream().map(c -> c.getString("state")).distinct().toList()).contains("SENDING", "COMPLETED");
        JsonObject completed = changes.stream().filter(c -> c.getString("state").equals("COMPLETED")).findFirst().orElseThrow();
        assertThat(countsOf(completed.getJsonObject("counts"))).isEqualTo(stored(job.id(), 3000));
        assertThat(completed.isNull("finishedAt")).as("the whole job: the list updates its row without a refetch").isFalse();

        // the sends counter of this node equals the job's sent recipients (no delivery reports: they stay SENT)
        assertThat(metric("fanmail_dispatch_sends_total", Map.of("account", acc.id().toString(), "outcome", "SENT"))).isEqualTo(3000.0);
        assertThat(metric("fanmail_dispatch_in_flight", Map.of("account", acc.id().toString()))).isZero();
        close(list);
        close(ws);
        await("the jobs list to be released", Duration.ofSeconds(10), () -> hub.watchedAccounts() == 0);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void fiftySubscribersOfOneJobCostOnePoller() throws Exception {
        Acc acc = account(2000, 300);
        DispatchJob job = plannedJob(acc);
        FanmailClient.Subscriptions ws = connect();
        for (int i = 0; i < 50; i++) {
            subscribe(ws, "s" + i, PROGRESS, "j", job.id());
        }
        Set<String> started = new HashSet<>();
        for (JsonObject m = next(ws, Duration.ofSeconds(10)); m != null && started.size() < 50; m = next(ws, Duration.ofSeconds(10))) {
            assertThat(m.getString("type")).as(m.toString()).isEqualTo("next");
            started.add(m.getString("id"));
        }
        assertThat(started).hasSize(50);
        assertThat(metric("fanmail_dispatch_progress_watches", Map.of())).isEqualTo(1.0);

        dispatch.start(job.id(), "it-operator");
        double readsBefore = metric("fanmail_dispatch_progress_reads_total", Map.of());
        long t0 = System.nanoTime();
        Map<String, Integer> items = new HashMap<>();
        Set<String> completed = new HashSet<>();
        while (completed.size() < 50) {
            JsonObject m = next(ws, Duration.ofSeconds(30));
            assertThat(m).as("every subscriber ends").isNotNull();
            if ("complete".equals(m.getString("type"))) {
                completed.add(m.getString("id"));
            } else {
                assertThat(m.getString("type")).as(m.toString()).isEqualTo("next");
                items.merge(m.getString("id"), 1, Integer::sum);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double reads = metric("fanmail_dispatch_progress_reads_total", Map.of()) - readsBefore;
        System.out.printf("dispatch progress: 50 subscribers, %.0f reads in %.1f s, items per subscriber %s%n", reads, seconds, items.values());
        // one poller: about 4 reads a second for the job whatever the number of subscribers (not 50 × that)
        assertThat(reads).isLessThanOrEqualTo(Math.ceil(seconds * 4) + 4);
        // every subscriber saw the same items (give or take the few that reached only those subscribed first, or were coalesced)
        assertThat(items).hasSize(50);
        int most = items.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(items.values()).allSatisfy(n -> assertThat(n).isBetween(Math.max(1, most - 2), most));
        close(ws);
        await("the watch to be released", Duration.ofSeconds(10), () -> {
            try {
                return metric("fanmail_dispatch_progress_watches", Map.of()) == 0.0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aJobThatDoesNotExistIsAnError() throws Exception {
        FanmailClient.Subscriptions ws = connect();
        subscribe(ws, "x", PROGRESS, "j", UUID.randomUUID());
        JsonObject m = next(ws, Duration.ofSeconds(10));
        assertThat(m).isNotNull();
        // graphql-transport-ws: an error message, or a result with errors and no data
        assertThat(m.getString("type")).isIn("error", "next");
        assertThat(m.toString()).contains("NOT_FOUND").doesNotContain("\"counts\"");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void countsOfAHundredThousandRecipientJobTakeWellUnderFiftyMilliseconds() throws Exception {
        UUID accountId = registration.register(new NewAccount("Progress bulk " + hex(4), "gh_" + hex(12), "wx" + hex(16), hex(32), "Tok" + hex(6),
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.SANDBOX, null)).id();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, "
                + "remark, tag_ids, created_at, updated_at) select ?, 'oCount' || lpad(g::text, 8, '0'), true, 'r' || g, '{}', now(), now() "
                + "from generate_series(1, 100000) g")) {
            s.setObject(1, accountId);
            s.executeUpdate();
        }
        long t0 = System.nanoTime();
        DispatchJob job = dispatch.createTemplateJob(new NewTemplateJob(accountId, new TemplateContent("tpl",
                Map.of("keyword1", FieldValue.of(FieldValue.Source.OPENID)), null, null, null), new AudienceSelector.All()), "it-operator");
        System.out.printf("dispatch: a job of 100,000 recipients created in %d ms (with the count triggers)%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(job.total()).isEqualTo(100_000);
        // as a send would: 500 statements of 200 state changes each (each appends its net change per state)
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("update dispatch.recipient set state = ? "
                + "where job_id = ? and seq > ? and seq <= ?")) {
            for (int i = 0; i < 500; i++) {
                s.setString(1, i % 5 == 4 ? "FAILED" : "SENT");
                s.setObject(2, job.id());
                s.setLong(3, i * 200L);
                s.setLong(4, i * 200L + 200);
                s.addBatch();
            }
            s.executeBatch();
        }
        Map<RecipientState, Long> counts = dispatch.counts(job.id()); // folds the 500 statements' count rows into one per state
        assertThat(counts).containsEntry(RecipientState.SENT, 80_000L).containsEntry(RecipientState.FAILED, 20_000L)
                .containsEntry(RecipientState.QUEUED, 0L);
        List<Long> countsMs = new ArrayList<>();
        List<Long> progressMs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long r0 = System.nanoTime();
            assertThat(dispatch.counts(job.id())).isEqualTo(counts);
            countsMs.add((System.nanoTime() - r0) / 1_000_000);
            long p0 = System.nanoTime();
            assertThat(progress.read(job.id()).orElseThrow().done()).isEqualTo(100_000);
            progressMs.add((System.nanoTime() - p0) / 1_000_000);
        }
        countsMs.sort(null);
        progressMs.sort(null);
        // what PostgreSQL spends on the query itself, and on grouping the recipient rows instead
        double sumMs = executionMs("select state, sum(n) from dispatch.recipient_count where job_id = ? group by state", job.id());
        double groupMs = executionMs("select state, count(*) from dispatch.recipient where job_id = ? group by state", job.id());
        System.out.printf("dispatch: counts of 100,000 recipients through the facade %s ms, progress reads %s ms; in PostgreSQL %.2f ms "
                + "(grouping the recipient rows instead: %.1f ms)%n", countsMs, progressMs, sumMs, groupMs);
        assertThat(sumMs).isLessThan(50);
        assertThat(countsMs.get(3)).as("median facade read, ms (a loaded machine makes single reads slow)").isLessThan(50);
        assertThat(progressMs.get(3)).as("median progress read, ms").isLessThan(50);
        dispatch.cancel(job.id(), "it-operator", "only measured");
    }
}

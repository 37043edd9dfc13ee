package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import app.fanmail.audiences.application.FanSyncProgressRelay;
import app.fanmail.kernel.cluster.ClusterChannel;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Fan sync against the WeChat sandbox: a full sync over several user/get pages matches WeChat's followers and tag
 * memberships exactly; a fan who unfollowed without a push becomes unsubscribed on the next sync; a sync stopped by
 * WeChat mid-run resumes from its stored page without fetching earlier pages again (the sandbox's call counters);
 * follow, unfollow and interactions arrive by push; details enrichment fills remark, language and subscription time;
 * a run's progress announced by another node (a plain JDBC transaction NOTIFYing on the cluster channel) reaches this
 * node's fanSyncProgress subscribers as the run's stored state.
 */
@org.junit.jupiter.api.extension.ExtendWith(ArquillianExtension.class)
@RunAsClient
class FanSyncIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String SYNC_FIELDS = " id kind status phase done total startedAt finishedAt errorCode errorMessage ";
    private static final String START = "mutation($i: FanSyncStartInput!) { fanSyncStart(input: $i) { sync {" + SYNC_FIELDS + "}" + ERRORS + "} }";
    private static final String CANCEL = "mutation($i: FanSyncCancelInput!) { fanSyncCancel(input: $i) { sync {" + SYNC_FIELDS + "}" + ERRORS + "} }";
    private static final String SYNCS = "query($a: ID!) { fanSyncs(accountId: $a) {" + SYNC_FIELDS + "} }";
    private static final String USER_GET = "cgi-bin/user/get";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2, testable = false)
    static WebArchive fanmail() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    @OperateOnDeployment("fanmail")
    URL base;

    record Acc(String id, String appId, String appSecret) {
    }

    @Test
    @OperateOnDeployment("fanmail")
    void fullSyncMatchesWeChatUnsubscribesSilentUnfollowersAndResumesWhereItStopped() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        SandboxControlClient control = control();
        JsonObject seeded = control.post("/_sandbox/accounts/" + acc.appId() + "/fans:seed", Json.createObjectBuilder().add("count", 25_000)
                .add("seed", 11).add("tags", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("name", "VIP").add("share", 0.1))
                        .add(Json.createObjectBuilder().add("name", "广东").add("share", 0.3))).build());
        assertThat(seeded.getJsonArray("tags")).hasSize(3); // with WeChat's reserved 星标组 (id 2)

        // three user/get pages (10,000 + 10,000 + 5,000)
        JsonObject run = await(admin, acc, start(admin, acc, "FOLLOWERS"), "SUCCEEDED");
        assertThat(run.getJsonNumber("done").longValue()).isEqualTo(25_000);
        assertThat(run.getJsonNumber("total").longValue()).isEqualTo(25_000);
        assertThat(usage(control, acc, USER_GET)).isEqualTo(3);
        Map<String, Set<Integer>> wechat = sandboxFans(control, acc);
        assertThat(fanTags(acc, true)).isEqualTo(wechat);
        assertThat(tags(acc)).containsExactlyInAnyOrderElementsOf(seeded.getJsonArray("tags").stream()
                .map(t -> t.asJsonObject().getInt("id") + ":" + t.asJsonObject().getString("name") + ":" + t.asJsonObject().getInt("count"))
                .toList());

        // a fan unfollows and another loses a tag without Fanmail seeing it: the next sync catches up
        String gone = wechat.keySet().stream().sorted().skip(12_345).findFirst().orElseThrow();
        control.post("/_sandbox/accounts/" + acc.appId() + "/fans/" + gone, Json.createObjectBuilder().add("subscribed", false).build());
        String tagged = wechat.entrySet().stream().filter(e -> !e.getValue().isEmpty() && !e.getKey().equals(gone)).map(Map.Entry::getKey)
                .sorted().findFirst().orElseThrow();
        int tagId = wechat.get(tagged).iterator().next();
        WeChat api = new WeChat(acc);
        api.call("cgi-bin/tags/members/batchuntagging", Json.createObjectBuilder().add("tagid", tagId)
                .add("openid_list", Json.createArrayBuilder().add(tagged)).build());
        JsonObject again = await(admin, acc, start(admin, acc, "FOLLOWERS"), "SUCCEEDED");
        assertThat(again.getString("id")).isNotEqualTo(run.getString("id"));
        assertThat(again.getJsonNumber("total").longValue()).isEqualTo(24_999);
        Map<String, Set<Integer>> now = sandboxFans(control, acc);
        assertThat(now).doesNotContainKey(gone);
        assertThat(now.get(tagged)).doesNotContain(tagId);
        assertThat(fanTags(acc, true)).isEqualTo(now);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ? and not subscribed and unsubscribed_at is not null", acc))
                .isEqualTo(1);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ? and openid = '" + gone + "' and not subscribed", acc))
                .isEqualTo(1);

        // WeChat refuses user/get after two more pages (its daily limit): the run stops with its cursor, FAILED
        long before = usage(control, acc, USER_GET);
        control.post("/_sandbox/accounts/" + acc.appId() + "/switches", Json.createObjectBuilder()
                .add("dailyLimits", Json.createObjectBuilder().add(USER_GET, before + 2)).build());
        JsonObject failed = await(admin, acc, start(admin, acc, "FOLLOWERS"), "FAILED");
        assertThat(failed.getString("errorCode")).isEqualTo("WECHAT_DAILY_QUOTA");
        assertThat(failed.getString("phase")).isEqualTo("FOLLOWERS");
        assertThat(failed.getJsonNumber("done").longValue()).isEqualTo(20_000);
        assertThat(usage(control, acc, USER_GET)).isEqualTo(before + 2);
        // the quota comes back; starting again resumes the same run at the third page: one more user/get call
        control.delete("/_sandbox/accounts/" + acc.appId() + "/switches");
        JsonObject resumed = start(admin, acc, "FOLLOWERS");
        assertThat(resumed.getString("id")).isEqualTo(failed.getString("id"));
        JsonObject done = await(admin, acc, resumed, "SUCCEEDED");
        assertThat(done.getJsonNumber("done").longValue()).isEqualTo(24_999);
        assertThat(usage(control, acc, USER_GET)).isEqualTo(before + 3);
        assertThat(fanTags(acc, true)).isEqualTo(now);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ? and not subscribed", acc)).isEqualTo(1);
        assertThat(scalar("select count(*) from audiences.fan_sync_tag_member where account_id = ?", acc)).isZero();
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aRunWhoseNodeDiedIsClaimedWhenItsLeaseRunsOutAndContinuesFromItsLastPage() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        SandboxControlClient control = control();
        control.seedFans(acc.appId(), 30_000); // pages of 10,000 + a last, empty one
        control.post("/_sandbox/accounts/" + acc.appId() + "/faults", Json.createObjectBuilder().add("latencyMs", 2000)
                .add("apis", Json.createArrayBuilder().add(USER_GET)).build());
        JsonObject run = start(admin, acc, "FOLLOWERS");
        // pages are written two at a time (fanmail.audiences.sync-page-writers): the cursor moves past pages 1 and 2 together
        awaitTrue(() -> scalar("select done from audiences.fan_sync_run where account_id = ? and status = 'RUNNING'", acc) == 20_000);
        // the node working on it "dies": its lease now belongs to nobody alive, and the page it is fetching is lost
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "update audiences.fan_sync_run set lease_owner = 'node-dead' where id = ?")) {
            s.setLong(1, Long.parseLong(run.getString("id")));
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        // it had page 3 in flight and, when page 3 came, asked for page 4 (the empty end) before its writes were refused
        awaitTrue(() -> usage(control, acc, USER_GET) == 4);
        control.delete("/_sandbox/accounts/" + acc.appId() + "/faults");
        try {
            // the lease (1 minute) runs out; a claim (every 15 s) takes the run over and goes on from page 3
            moveClock(admin, Instant.now().plus(Duration.ofMinutes(2)));
            JsonObject done = await(admin, acc, run, "SUCCEEDED");
            assertThat(done.getJsonNumber("done").longValue()).isEqualTo(30_000);
        } finally {
            admin.send(HttpRequest.newBuilder(admin.uri("/api/test/clock?reset=true")).header("X-Fanmail-Csrf", "1")
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }
        // pages 1 and 2 once (a restart from the beginning would make 8 calls); pages 3 and 4 again (the dead node's
        // copies were never written)
        assertThat(usage(control, acc, USER_GET)).isEqualTo(6);
        assertThat(fanTags(acc, true)).isEqualTo(sandboxFans(control, acc));
    }

    private static void moveClock(FanmailClient admin, Instant to) {
        HttpResponse<String> res = admin.send(HttpRequest.newBuilder(admin.uri("/api/test/clock?set=" + to)).header("X-Fanmail-Csrf", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void onlyOneRunOfAKindAndOperatorsStartAndCancel() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        SandboxControlClient control = control();
        control.seedFans(acc.appId(), 30_000);
        // slow WeChat down so the run is still going while we look
        control.post("/_sandbox/accounts/" + acc.appId() + "/faults", Json.createObjectBuilder().add("latencyMs", 1500)
                .add("apis", Json.createArrayBuilder().add(USER_GET)).build());
        JsonObject running = start(admin, acc, "FOLLOWERS");
        assertThat(running.getString("status")).isEqualTo("RUNNING");
        JsonObject refused = admin.data(START, Map.of("i", Map.of("accountId", acc.id(), "kind", "FOLLOWERS"))).getJsonObject("fanSyncStart");
        assertThat(codes(refused)).containsExactly("SYNC_ALREADY_RUNNING");
        JsonObject unknown = admin.data(START, Map.of("i", Map.of("accountId", UUID.randomUUID().toString(), "kind", "DETAILS")))
                .getJsonObject("fanSyncStart");
        assertThat(codes(unknown)).containsExactly("NOT_FOUND");
        JsonObject cancelled = admin.data(CANCEL, Map.of("i", Map.of("syncId", running.getString("id")))).getJsonObject("fanSyncCancel");
        assertThat(codes(cancelled)).isEmpty();
        assertThat(cancelled.getJsonObject("sync").getString("status")).isEqualTo("CANCELLED");
        JsonObject twice = admin.data(CANCEL, Map.of("i", Map.of("syncId", running.getString("id")))).getJsonObject("fanSyncCancel");
        assertThat(codes(twice)).containsExactly("SYNC_NOT_RUNNING");
        control.delete("/_sandbox/accounts/" + acc.appId() + "/faults");
        // a cancelled sync is not resumed: the next one starts afresh and completes, live on fanSyncProgress
        FanmailClient.Subscriptions ws = admin.openSubscriptions(base.toString().replaceAll("/$", ""));
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        ws.send(Json.createObjectBuilder().add("id", "p").add("type", "subscribe").add("payload", Json.createObjectBuilder()
                .add("query", "subscription($a: ID!) { fanSyncProgress(accountId: $a) { id status phase done } }")
                .add("variables", Json.createObjectBuilder().add("a", acc.id()))).build().toString());
        JsonObject fresh = start(admin, acc, "FOLLOWERS");
        assertThat(fresh.getString("id")).isNotEqualTo(running.getString("id"));
        assertThat(await(admin, acc, fresh, "SUCCEEDED").getJsonNumber("done").longValue()).isEqualTo(30_000);
        List<JsonObject> seen = new java.util.ArrayList<>();
        for (JsonObject m = next(ws, Duration.ofSeconds(10)); m != null; m = next(ws, Duration.ofSeconds(2))) {
            assertThat(m.getString("type")).as(m.toString()).isEqualTo("next");
            seen.add(m.getJsonObject("payload").getJsonObject("data").getJsonObject("fanSyncProgress"));
        }
        assertThat(seen).allSatisfy(p -> assertThat(p.getString("id")).isEqualTo(fresh.getString("id")));
        assertThat(seen.stream().map(p -> p.getInt("done")).toList()).isSorted().last().isEqualTo(30_000);
        assertThat(seen.get(seen.size() - 1).getString("status")).isEqualTo("SUCCEEDED");
        assertThat(seen.stream().map(p -> p.getString("phase")).distinct().toList()).contains("FOLLOWERS", "APPLY");
        JsonArray latest = admin.data(SYNCS, Map.of("a", acc.id())).getJsonArray("fanSyncs");
        assertThat(latest).hasSize(1);
        assertThat(latest.getJsonObject(0).getString("id")).isEqualTo(fresh.getString("id"));
    }

    @Test
    @OperateOnDeployment("fanmail")
    void progressOfARunOnAnotherNodeReachesThisNodesSubscribers() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        UUID account = UUID.randomUUID();
        FanmailClient.Subscriptions ws = admin.openSubscriptions(base.toString().replaceAll("/$", ""));
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        ws.send(Json.createObjectBuilder().add("id", "p").add("type", "subscribe").add("payload", Json.createObjectBuilder()
                .add("query", "subscription($a: ID!) { fanSyncProgress(accountId: $a) { id status phase done total } }")
                .add("variables", Json.createObjectBuilder().add("a", account.toString()))).build().toString());
        // "another node" is a plain JDBC transaction that works on a run it leased (this node never runs it) and
        // announces each change on the cluster channel as that node's runner does
        long id;
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("insert into audiences.fan_sync_run (account_id, kind, status, phase, "
                + "done, total, lease_owner, lease_until, started_at, updated_at) values (?, 'FOLLOWERS', 'RUNNING', 'FOLLOWERS', 0, 30000, "
                + "'node-elsewhere', now() + interval '1 day', now(), now()) returning id")) {
            s.setObject(1, account);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        // the subscription is set up asynchronously: the other node announces its run until this node's subscriber hears it
        JsonObject first = null;
        for (long deadline = System.currentTimeMillis() + 20_000; first == null && System.currentTimeMillis() < deadline; ) {
            changeElsewhere(id, "update audiences.fan_sync_run set updated_at = now() where id = ?");
            first = progress(next(ws, Duration.ofMillis(500)));
        }
        assertThat(first).as("the run announced elsewhere").isNotNull();
        assertThat(first.getString("id")).isEqualTo(Long.toString(id));
        assertThat(first.getString("status")).isEqualTo("RUNNING");
        assertThat(first.getInt("total")).isEqualTo(30_000);
        for (JsonObject again = progress(next(ws, Duration.ofMillis(500))); again != null; again = progress(next(ws, Duration.ofMillis(500)))) {
            assertThat(again).as("a repeat of the first announcement").isEqualTo(first);
        }

        changeElsewhere(id, "update audiences.fan_sync_run set done = 10000, cursor = 'o10000', updated_at = now() where id = ?");
        JsonObject page = progress(next(ws, Duration.ofSeconds(10)));
        assertThat(page).as("a page written elsewhere").isNotNull();
        assertThat(page.getString("phase")).isEqualTo("FOLLOWERS");
        assertThat(page.getInt("done")).isEqualTo(10_000);

        changeElsewhere(id, "update audiences.fan_sync_run set status = 'SUCCEEDED', phase = 'APPLY', done = 30000, lease_owner = null, "
                + "lease_until = null, finished_at = now(), updated_at = now() where id = ?");
        JsonObject end = progress(next(ws, Duration.ofSeconds(10)));
        assertThat(end).as("the end elsewhere").isNotNull();
        assertThat(end.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(end.getString("phase")).isEqualTo("APPLY");
        assertThat(end.getInt("done")).isEqualTo(30_000);
        assertThat(next(ws, Duration.ofSeconds(1))).as("nothing more was announced").isNull();
    }

    /** The next message other than graphql-transport-ws's keep-alive pings (one every 10 s); null on timeout. */
    private static JsonObject next(FanmailClient.Subscriptions ws, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (JsonObject m = ws.next(timeout); m != null; m = ws.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
            if (!"ping".equals(m.getString("type", ""))) {
                return m;
            }
        }
        return null;
    }

    /** The run a fanSyncProgress message carries; null for none (a timeout). */
    private static JsonObject progress(JsonObject message) {
        if (message == null) {
            return null;
        }
        assertThat(message.getString("type")).as(message.toString()).isEqualTo("next");
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("fanSyncProgress");
    }

    /** Another node's transaction: changes the run and announces it on the cluster channel, as its runner does. */
    private static void changeElsewhere(long runId, String sql) throws Exception {
        try (Connection c = db()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, runId);
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement s = c.prepareStatement("select 1 from pg_notify(?, ?)")) {
                s.setString(1, ClusterChannel.CHANNEL);
                s.setString(2, ClusterChannel.payload(FanSyncProgressRelay.TOPIC, Long.toString(runId)));
                s.executeQuery().close();
            }
            c.commit();
        }
    }

    @Test
    @OperateOnDeployment("fanmail")
    void pushesKeepFansCurrentAndDetailsEnrichmentFillsThem() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        SandboxControlClient control = control();
        control.seedFans(acc.appId(), 1_050);
        await(admin, acc, start(admin, acc, "FOLLOWERS"), "SUCCEEDED");
        List<String> openids = sandboxFans(control, acc).keySet().stream().sorted().toList();
        String remarked = openids.get(7);
        WeChat api = new WeChat(acc);
        api.call("cgi-bin/user/info/updateremark", Json.createObjectBuilder().add("openid", remarked).add("remark", "老客户").build());

        // details: 1,050 fans in 11 batchget calls
        JsonObject details = await(admin, acc, start(admin, acc, "DETAILS"), "SUCCEEDED");
        assertThat(details.getJsonNumber("total").longValue()).isEqualTo(1_050);
        assertThat(details.getJsonNumber("done").longValue()).isEqualTo(1_050);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ? and details_synced_at is not null and language = 'zh_CN' "
                + "and subscribed_at is not null", acc)).isEqualTo(1_050);
        assertThat(text("select remark from audiences.fan where account_id = ? and openid = '" + remarked + "'", acc)).isEqualTo("老客户");
        JsonObject info = api.call("cgi-bin/user/info?openid=" + remarked + "&lang=zh_CN", null);
        assertThat(text("select cast(extract(epoch from subscribed_at) as bigint) from audiences.fan where account_id = ? and openid = '"
                + remarked + "'", acc)).isEqualTo(Long.toString(info.getJsonNumber("subscribe_time").longValue()));
        assertThat(fanTags(acc, true)).isEqualTo(sandboxFans(control, acc));
        // nothing left: a second enrichment has nothing to do
        JsonObject nothing = await(admin, acc, start(admin, acc, "DETAILS"), "SUCCEEDED");
        assertThat(nothing.getJsonNumber("total").longValue()).isZero();

        // a new fan follows through a QR code, an existing one unfollows, another one writes
        JsonObject followed = control.post("/_sandbox/accounts/" + acc.appId() + "/simulate", Json.createObjectBuilder().add("kind", "subscribe")
                .add("scene", "campaign42").build());
        String newcomer = followed.getString("openid");
        String leaver = openids.get(3);
        control.simulate(acc.appId(), "unsubscribe", leaver, null);
        String writer = openids.get(5);
        control.simulate(acc.appId(), "text", writer, "你好");
        awaitTrue(() -> scalar("select count(*) from audiences.fan where account_id = ? and openid = '" + newcomer
                + "' and subscribed and qr_scene = 'campaign42' and last_interaction_at is not null and details_synced_at is null", acc) == 1
                && scalar("select count(*) from audiences.fan where account_id = ? and openid = '" + leaver
                + "' and not subscribed and unsubscribed_at is not null", acc) == 1
                && scalar("select count(*) from audiences.fan where account_id = ? and openid = '" + writer
                + "' and last_interaction_at is not null", acc) == 1);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ?", acc)).isEqualTo(1_051);
        // the follower comes back: resubscribed, its details fetched again by the next enrichment
        control.simulate(acc.appId(), "subscribe", leaver, null);
        awaitTrue(() -> scalar("select count(*) from audiences.fan where account_id = ? and openid = '" + leaver
                + "' and subscribed and details_synced_at is null", acc) == 1);
        JsonObject refresh = await(admin, acc, start(admin, acc, "DETAILS"), "SUCCEEDED");
        assertThat(refresh.getJsonNumber("done").longValue()).isEqualTo(2);
        assertThat(scalar("select count(*) from audiences.fan where account_id = ? and details_synced_at is null", acc)).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private JsonObject start(FanmailClient admin, Acc acc, String kind) {
        JsonObject payload = admin.data(START, Map.of("i", Map.of("accountId", acc.id(), "kind", kind))).getJsonObject("fanSyncStart");
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).isEmpty();
        return payload.getJsonObject("sync");
    }

    /** Waits until the run has the status (polling fanSyncs), failing if it ends otherwise. */
    private static JsonObject await(FanmailClient admin, Acc acc, JsonObject run, String status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        JsonObject last = run;
        while (System.currentTimeMillis() < deadline) {
            for (JsonValue v : admin.data(SYNCS, Map.of("a", acc.id())).getJsonArray("fanSyncs")) {
                JsonObject s = v.asJsonObject();
                if (s.getString("id").equals(run.getString("id"))) {
                    last = s;
                }
            }
            if (last.getString("status").equals(status)) {
                return last;
            }
            assertThat(last.getString("status")).as(last.toString()).isEqualTo("RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError("sync did not reach " + status + ": " + last);
    }

    private static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(100);
        }
    }

    private static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code")).toList();
    }

    private static long usage(SandboxControlClient control, Acc acc, String api) {
        JsonObject today = control.get("/_sandbox/accounts/" + acc.appId()).getJsonObject("endpointUsage").getJsonObject("today");
        return today.containsKey(api) ? today.getJsonNumber(api).longValue() : 0;
    }

    /** The followers WeChat lists with their tag ids. */
    private static Map<String, Set<Integer>> sandboxFans(SandboxControlClient control, Acc acc) {
        Map<String, Set<Integer>> fans = new HashMap<>();
        for (int offset = 0; ; offset += 10_000) {
            JsonObject page = control.get("/_sandbox/accounts/" + acc.appId() + "/fans?offset=" + offset + "&limit=10000");
            JsonArray list = page.getJsonArray("fans");
            for (JsonValue v : list) {
                JsonObject f = v.asJsonObject();
                if (f.getBoolean("subscribed")) {
                    Set<Integer> tags = new TreeSet<>();
                    f.getJsonArray("tags").forEach(t -> tags.add(Integer.parseInt(t.toString())));
                    fans.put(f.getString("openid"), tags);
                }
            }
            if (offset + list.size() >= page.getInt("total") || list.isEmpty()) {
                return fans;
            }
        }
    }

    /** Fanmail's fans (subscribed or not) with their tag ids. */
    private static Map<String, Set<Integer>> fanTags(Acc acc, boolean subscribed) throws Exception {
        Map<String, Set<Integer>> fans = new HashMap<>();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select openid, tag_ids from audiences.fan where account_id = ? and subscribed = ?")) {
            s.setObject(1, UUID.fromString(acc.id()));
            s.setBoolean(2, subscribed);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Set<Integer> tags = new TreeSet<>();
                    for (Integer t : (Integer[]) rs.getArray(2).getArray()) {
                        tags.add(t);
                    }
                    fans.put(rs.getString(1), tags);
                }
            }
        }
        return fans;
    }

    private static List<String> tags(Acc acc) throws Exception {
        List<String> tags = new java.util.ArrayList<>();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "select t.tag_id, t.name, (select count(*) from audiences.fan f where f.account_id = t.account_id and t.tag_id = any(f.tag_ids)) "
                        + "from audiences.tag t where t.account_id = ?")) {
            s.setObject(1, UUID.fromString(acc.id()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tags.add(rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getLong(3));
                }
            }
        }
        return tags;
    }

    private static long scalar(String sql, Acc acc) throws Exception {
        return Long.parseLong(text(sql, acc));
    }

    private static String text(String sql, Acc acc) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(acc.id()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }

    private Acc account(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"), (String) input.get("appSecret"));
        SandboxPushesIT.awaitMirrored(control(), acc.appId());
        return acc;
    }

    private SandboxControlClient control() {
        return new SandboxControlClient(sandboxBase());
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    /** Calls the sandbox's WeChat API as a second client of the account would. */
    private final class WeChat {
        private final Acc acc;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String token;

        WeChat(Acc acc) {
            this.acc = acc;
        }

        /** POSTs the body (GET when null). */
        JsonObject call(String path, JsonObject body) throws Exception {
            if (token == null) {
                token = send("cgi-bin/stable_token?appid=" + acc.appId(), Json.createObjectBuilder().add("grant_type", "client_credential")
                        .add("appid", acc.appId()).add("secret", acc.appSecret()).build()).getString("access_token");
            }
            JsonObject res = send(path + (path.contains("?") ? "&" : "?") + "access_token=" + token, body);
            assertThat(res.getInt("errcode", 0)).as(res.toString()).isZero();
            return res;
        }

        private JsonObject send(String path, JsonObject body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandboxBase() + "/" + path));
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        }
    }
}

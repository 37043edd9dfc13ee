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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Tags against the WeChat sandbox: create, rename, delete and refresh stay in step with WeChat; each of WeChat's tag
 * limits is refused with a clear user error (by Fanmail before WeChat where Fanmail knows, else from WeChat's own
 * errcode); bulk tagging from a selection, a filter and an upload tags every good openid and reports each bad one with
 * its line, and untagging undoes it — the sandbox confirms the memberships and Fanmail's fans follow.
 */
@org.junit.jupiter.api.extension.ExtendWith(ArquillianExtension.class)
@RunAsClient
class TagsIT {
    private static final String ERRORS = " userErrors { code field message } ";
    private static final String TAG = " id name wechatCount fanCount reserved ";
    private static final String TAGS = "query($a: ID!) { tags(accountId: $a) {" + TAG + "} }";
    private static final String REFRESH = "mutation($i: TagsRefreshInput!) { tagsRefresh(input: $i) { tags {" + TAG + "}" + ERRORS + "} }";
    private static final String CREATE = "mutation($i: TagCreateInput!) { tagCreate(input: $i) { tag {" + TAG + "}" + ERRORS + "} }";
    private static final String RENAME = "mutation($i: TagRenameInput!) { tagRename(input: $i) { tag {" + TAG + "}" + ERRORS + "} }";
    private static final String DELETE = "mutation($i: TagDeleteInput!) { tagDelete(input: $i) { deletedTagId" + ERRORS + "} }";
    private static final String JOB = " id tagId tagName action source status total done succeeded failed errorCode startedAt finishedAt ";
    private static final String START = "mutation($i: TagJobStartInput!) { tagJobStart(input: $i) { job {" + JOB + "}" + ERRORS + "} }";
    private static final String GET_JOB = "query($id: ID!) { tagJob(id: $id) {" + JOB
            + "failures(first: 2) { edges { cursor node { openid line code errcode message } } pageInfo { hasNextPage endCursor } } } }";
    private static final String MORE_FAILURES = "query($id: ID!, $after: String) { tagJob(id: $id) { failures(first: 100, after: $after) { "
            + "edges { node { openid line code errcode } } pageInfo { hasNextPage } } } }";
    private static final String JOBS = "query($a: ID!) { tagJobs(accountId: $a, first: 10) { edges { node { id status } } pageInfo { hasNextPage } } }";

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

    record Acc(String id, String appId, String appSecret, String token) {
    }

    @Test
    @OperateOnDeployment("fanmail")
    void crudRoundTripStaysInStepWithWeChat() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);

        List<JsonObject> refreshed = ok(refresh(admin, acc)).getJsonArray("tags").getValuesAs(JsonObject.class);
        JsonObject star = refreshed.stream().filter(t -> t.getInt("id") == 2).findFirst().orElseThrow();
        assertThat(star.getBoolean("reserved")).isTrue();

        JsonObject vip = ok(create(admin, acc, " VIP ")).getJsonObject("tag");
        assertThat(vip.getString("name")).isEqualTo("VIP");
        assertThat(vip.getBoolean("reserved")).isFalse();
        assertThat(wechat.tags()).containsEntry(vip.getInt("id"), "VIP");
        assertThat(admin.data(TAGS, Map.of("a", acc.id())).getJsonArray("tags").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("name")).contains("VIP", star.getString("name"));

        JsonObject gold = ok(rename(admin, acc, vip.getInt("id"), "Gold")).getJsonObject("tag");
        assertThat(gold.getString("name")).isEqualTo("Gold");
        assertThat(wechat.tags()).containsEntry(vip.getInt("id"), "Gold").doesNotContainValue("VIP");

        // a tag created in WeChat behind Fanmail's back: refresh brings it, with WeChat's count
        int external = wechat.call("cgi-bin/tags/create", Json.createObjectBuilder()
                .add("tag", Json.createObjectBuilder().add("name", "外部")).build()).getJsonObject("tag").getInt("id");
        assertThat(ok(refresh(admin, acc)).getJsonArray("tags").getValuesAs(JsonObject.class)).extracting(t -> t.getInt("id")).contains(external);

        JsonObject deleted = ok(delete(admin, acc, vip.getInt("id")));
        assertThat(deleted.getInt("deletedTagId")).isEqualTo(vip.getInt("id"));
        assertThat(wechat.tags()).doesNotContainKey(vip.getInt("id")).containsKey(external);
        assertThat(admin.data(TAGS, Map.of("a", acc.id())).getJsonArray("tags").getValuesAs(JsonObject.class))
                .extracting(t -> t.getInt("id")).doesNotContain(vip.getInt("id"));

        // viewers read, only operators change
        FanmailClient viewer = Users.signedIn(admin, base.toString(), "VIEWER");
        assertThat(viewer.data(TAGS, Map.of("a", acc.id())).getJsonArray("tags")).isNotEmpty();
        assertThat(errorCode(viewer.graphql(CREATE, Map.of("i", Map.of("accountId", acc.id(), "name", "x"))))).isEqualTo("FORBIDDEN");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void namesAndReservedTagsAreRefusedClearly() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        ok(refresh(admin, acc));

        assertThat(ok(create(admin, acc, "会员会员会员会员会员")).getJsonObject("tag").getString("name")).hasSize(10); // 30 bytes
        assertThat(codesAt(create(admin, acc, "会员会员会员会员会员会"))).containsExactly("TAG_NAME_TOO_LONG@name"); // 33 bytes
        assertThat(codesAt(create(admin, acc, "   "))).containsExactly("TAG_NAME_REQUIRED@name");
        assertThat(codesAt(create(admin, acc, "会员会员会员会员会员"))).containsExactly("TAG_NAME_TAKEN@name");

        // a duplicate Fanmail did not know of: WeChat's 45157, explained after reloading the tags
        wechat.call("cgi-bin/tags/create", Json.createObjectBuilder().add("tag", Json.createObjectBuilder().add("name", "暗标签")).build());
        assertThat(codesAt(create(admin, acc, "暗标签"))).containsExactly("TAG_NAME_TAKEN@name");
        assertThat(admin.data(TAGS, Map.of("a", acc.id())).getJsonArray("tags").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("name")).contains("暗标签");

        for (int reserved : new int[] {0, 1, 2}) {
            assertThat(codesAt(rename(admin, acc, reserved, "mine"))).containsExactly("TAG_RESERVED@tagId");
            assertThat(codesAt(delete(admin, acc, reserved))).containsExactly("TAG_RESERVED@tagId");
        }
        assertThat(wechat.tags()).containsKey(2);
        assertThat(codes(delete(admin, acc, 99_999))).containsExactly("NOT_FOUND");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aHundredTagsAtMost() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        ok(refresh(admin, acc));
        ok(create(admin, acc, "t0"));
        for (int i = 1; i < 100; i++) {
            wechat.call("cgi-bin/tags/create", Json.createObjectBuilder().add("tag", Json.createObjectBuilder().add("name", "t" + i)).build());
        }
        // Fanmail knows one tag: WeChat refuses the 101st itself (45056), with the same user error
        assertThat(codes(create(admin, acc, "one too many"))).containsExactly("TAG_LIMIT_REACHED");
        // after a refresh Fanmail knows the account is full and refuses before asking WeChat
        assertThat(ok(refresh(admin, acc)).getJsonArray("tags").getValuesAs(JsonObject.class).stream().filter(t -> !t.getBoolean("reserved")).count())
                .isEqualTo(100);
        assertThat(codes(create(admin, acc, "one too many"))).containsExactly("TAG_LIMIT_REACHED");
        assertThat(wechat.tags()).doesNotContainValue("one too many");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void aTagWithMoreThanAHundredThousandFansIsNotDeleted() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        int big = ok(create(admin, acc, "big")).getJsonObject("tag").getInt("id");
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/fans:seed", Json.createObjectBuilder().add("count", 100_001).add("seed", 7)
                .add("tags", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "big").add("share", 1.0))).build());
        // Fanmail still counts 0 fans: WeChat's own 45057
        assertThat(codesAt(delete(admin, acc, big))).containsExactly("TAG_TOO_MANY_FANS@tagId");
        JsonObject listed = ok(refresh(admin, acc)).getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getInt("id") == big).findFirst().orElseThrow();
        assertThat(listed.getJsonNumber("wechatCount").longValue()).isEqualTo(100_001);
        // now Fanmail knows and refuses first
        assertThat(codesAt(delete(admin, acc, big))).containsExactly("TAG_TOO_MANY_FANS@tagId");
        assertThat(wechat.tags()).containsKey(big);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void bulkTaggingOfASelectionReportsEachBadOpenidAndTagsTheRest() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        List<String> fans = seed(wechat, acc, 130);
        insertFans(acc, fans, Map.of());
        // one fan already carries 20 tags in WeChat (Fanmail does not know it)
        String full = fans.get(7);
        for (int i = 0; i < 20; i++) {
            int t = wechat.call("cgi-bin/tags/create", Json.createObjectBuilder().add("tag", Json.createObjectBuilder().add("name", "f" + i)).build())
                    .getJsonObject("tag").getInt("id");
            wechat.call("cgi-bin/tags/members/batchtagging", Json.createObjectBuilder().add("tagid", t)
                    .add("openid_list", Json.createArrayBuilder().add(full)).build());
        }
        int campaign = ok(create(admin, acc, "campaign")).getJsonObject("tag").getInt("id");

        List<String> selection = new ArrayList<>(fans.subList(0, 120));
        selection.add(3, "not-an-openid");
        selection.add(60, "o" + "X".repeat(27)); // well-formed, nobody's
        selection.add(fans.get(1)); // repeated: counted once
        FanmailClient.Subscriptions ws = admin.openSubscriptions(base.toString().replaceAll("/$", ""));
        ws.socket(Duration.ofSeconds(10));
        ws.send("{\"type\":\"connection_init\"}");
        assertThat(ws.next(Duration.ofSeconds(10)).getString("type")).isEqualTo("connection_ack");
        ws.send("{\"id\":\"p\",\"type\":\"subscribe\",\"payload\":{\"query\":\"subscription($a: ID!) { tagJobProgress(accountId: $a) "
                + "{ id status total done succeeded failed } }\",\"variables\":{\"a\":\"" + acc.id() + "\"}}}");
        Thread.sleep(500); // the subscription is registered asynchronously; there is no acknowledgement to wait for
        JsonObject job = ok(start(admin, acc, campaign, "TAG", Map.of("openids", selection))).getJsonObject("job");
        assertThat(job.getString("source")).isEqualTo("OPENIDS");
        // live progress: done only grows, and the last message is the finished job
        List<JsonObject> progress = new ArrayList<>();
        JsonObject message;
        do {
            message = ws.next(Duration.ofSeconds(60));
            assertThat(message).as("progress until the end").isNotNull();
            progress.add(message.getJsonObject("payload").getJsonObject("data").getJsonObject("tagJobProgress"));
        } while ("RUNNING".equals(progress.get(progress.size() - 1).getString("status")));
        assertThat(progress).allSatisfy(p -> assertThat(p.getString("id")).isEqualTo(job.getString("id")));
        assertThat(progress.stream().map(p -> p.getInt("done")).toList()).isSorted();
        JsonObject last = progress.get(progress.size() - 1);
        assertThat(List.of(last.getString("status"), last.getInt("done"), last.getInt("succeeded"), last.getInt("failed")))
                .containsExactly("SUCCEEDED", 122, 119, 3);
        assertThat(job.getInt("total")).isEqualTo(122);
        JsonObject done = awaitFinished(admin, job.getString("id"));
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(List.of(done.getInt("done"), done.getInt("succeeded"), done.getInt("failed"))).containsExactly(122, 119, 3);
        assertThat(done.isNull("finishedAt")).isFalse();

        // the report: every bad openid with its position in the selection, two per page
        JsonObject page = done.getJsonObject("failures");
        assertThat(page.getJsonObject("pageInfo").getBoolean("hasNextPage")).isTrue();
        List<JsonObject> failures = new ArrayList<>(page.getJsonArray("edges").getValuesAs(JsonObject.class).stream().map(e -> e.getJsonObject("node")).toList());
        failures.addAll(admin.data(MORE_FAILURES, Map.of("id", job.getString("id"), "after", page.getJsonObject("pageInfo").getString("endCursor")))
                .getJsonObject("tagJob").getJsonObject("failures").getJsonArray("edges").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getJsonObject("node")).toList());
        Map<String, String> byOpenid = new LinkedHashMap<>();
        failures.forEach(f -> byOpenid.put(f.getString("openid"), f.getInt("line") + " " + f.getString("code") + " " + f.getInt("errcode")));
        assertThat(byOpenid).containsExactly(
                Map.entry("not-an-openid", "4 INVALID_OPENID 40003"),
                Map.entry(full, "9 FAN_TAG_LIMIT 45059"),
                Map.entry("o" + "X".repeat(27), "61 INVALID_OPENID 40003"));

        // WeChat has exactly the good ones, and so do Fanmail's fans
        Set<String> good = new HashSet<>(fans.subList(0, 120));
        good.remove(full);
        assertThat(wechat.members(campaign)).containsExactlyInAnyOrderElementsOf(good);
        assertThat(fansWithTag(acc, campaign)).containsExactlyInAnyOrderElementsOf(good);
        JsonObject tag = tag(admin, acc, campaign);
        assertThat(tag.getJsonNumber("fanCount").longValue()).isEqualTo(119);
        assertThat(admin.data(JOBS, Map.of("a", acc.id())).getJsonObject("tagJobs").getJsonArray("edges").getValuesAs(JsonObject.class))
                .extracting(e -> e.getJsonObject("node").getString("id")).containsExactly(job.getString("id"));

        // untagging a selection removes the tag in WeChat and from Fanmail's fans
        JsonObject untag = ok(start(admin, acc, campaign, "UNTAG", Map.of("openids", fans.subList(0, 50)))).getJsonObject("job");
        assertThat(awaitFinished(admin, untag.getString("id")).getInt("succeeded")).isEqualTo(50);
        Set<String> left = new HashSet<>(good);
        fans.subList(0, 50).forEach(left::remove);
        assertThat(wechat.members(campaign)).containsExactlyInAnyOrderElementsOf(left);
        assertThat(fansWithTag(acc, campaign)).containsExactlyInAnyOrderElementsOf(left);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void bulkTaggingByFilterAndFromAnUpload() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        List<String> fans = seed(wechat, acc, 90);
        int vip = ok(create(admin, acc, "vip")).getJsonObject("tag").getInt("id");
        int target = ok(create(admin, acc, "target")).getJsonObject("tag").getInt("id");
        // Fanmail knows 30 vip fans; another fan carries 20 tags in Fanmail's copy: refused without asking WeChat
        Map<String, Integer[]> tags = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            tags.put(fans.get(i), new Integer[] {vip});
        }
        Integer[] twenty = new Integer[20];
        twenty[0] = vip;
        for (int i = 1; i < 20; i++) {
            twenty[i] = 1000 + i;
        }
        tags.put(fans.get(30), twenty);
        insertFans(acc, fans, tags);

        Map<String, Object> filter = Map.of("tagIds", List.of(vip), "tagMatch", "ANY");
        JsonObject job = ok(start(admin, acc, target, "TAG", Map.of("filter", filter))).getJsonObject("job");
        assertThat(List.of(job.getString("status"), job.getInt("total"))).as("answered before its fans are listed").containsExactly("PREPARING", 0);
        JsonObject done = awaitFinished(admin, job.getString("id"));
        assertThat(List.of(done.getInt("total"), done.getInt("succeeded"), done.getInt("failed"))).containsExactly(31, 30, 1);
        JsonObject refused = done.getJsonObject("failures").getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(refused.getString("openid")).isEqualTo(fans.get(30));
        assertThat(refused.getString("code")).isEqualTo("FAN_TAG_LIMIT");
        assertThat(refused.isNull("line")).isTrue();
        assertThat(wechat.members(target)).containsExactlyInAnyOrderElementsOf(fans.subList(0, 30));
        assertThat(fansWithTag(acc, target)).containsExactlyInAnyOrderElementsOf(fans.subList(0, 30));

        // untag by filter: everyone Fanmail knows with the target tag
        JsonObject untag = ok(start(admin, acc, target, "UNTAG", Map.of("filter", Map.of("tagIds", List.of(target))))).getJsonObject("job");
        assertThat(awaitFinished(admin, untag.getString("id")).getInt("succeeded")).isEqualTo(30);
        assertThat(wechat.members(target)).isEmpty();
        assertThat(fansWithTag(acc, target)).isEmpty();

        // from an upload: its valid lines only, each failure with its line
        UUID upload = UUID.randomUUID();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(new Object[] {i + 2, fans.get(20 + i), null});
        }
        rows.add(new Object[] {72, "bad line", "INVALID_OPENID"});
        rows.add(new Object[] {73, "o" + "Y".repeat(27), null});
        insertUpload(acc, upload, rows);
        JsonObject fromUpload = ok(start(admin, acc, target, "TAG", Map.of("uploadId", upload.toString()))).getJsonObject("job");
        assertThat(fromUpload.getString("source")).isEqualTo("UPLOAD");
        JsonObject uploaded = awaitFinished(admin, fromUpload.getString("id"));
        // fans 20..89 and the unknown line; fan 30 is refused by Fanmail (20 tags) and the unknown openid by WeChat
        assertThat(List.of(uploaded.getInt("total"), uploaded.getInt("succeeded"), uploaded.getInt("failed"))).containsExactly(71, 69, 2);
        Map<Integer, String> lines = new HashMap<>();
        admin.data(MORE_FAILURES, Map.of("id", fromUpload.getString("id"))).getJsonObject("tagJob").getJsonObject("failures")
                .getJsonArray("edges").getValuesAs(JsonObject.class)
                .forEach(e -> lines.put(e.getJsonObject("node").getInt("line"), e.getJsonObject("node").getString("code")));
        assertThat(lines).containsExactlyInAnyOrderEntriesOf(Map.of(12, "FAN_TAG_LIMIT", 73, "INVALID_OPENID"));
        Set<String> expected = new HashSet<>(fans.subList(20, 90));
        expected.remove(fans.get(30));
        assertThat(wechat.members(target)).containsExactlyInAnyOrderElementsOf(expected);

        // one source exactly
        assertThat(codes(start(admin, acc, target, "TAG", Map.of("openids", List.of(fans.get(0)), "filter", filter))))
                .containsExactly("TAG_JOB_SOURCE_INVALID");
        assertThat(codes(start(admin, acc, target, "TAG", Map.of()))).containsExactly("TAG_JOB_SOURCE_INVALID");
        assertThat(codes(start(admin, acc, 1, "TAG", Map.of("openids", List.of(fans.get(0)))))).containsExactly("TAG_RESERVED");
        assertThat(codes(start(admin, acc, target, "TAG", Map.of("uploadId", UUID.randomUUID().toString())))).containsExactly("NOT_FOUND");
    }

    @Test
    @OperateOnDeployment("fanmail")
    void chunksWeChatThrottlesAreRetriedAndTheJobCompletes() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        List<String> fans = seed(wechat, acc, 200);
        int tag = ok(create(admin, acc, "later")).getJsonObject("tag").getInt("id");
        // WeChat throttles batch tagging (45011) for a while: chunks back off instead of failing their fans
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/faults:inject", Json.createObjectBuilder()
                .add("api", "cgi-bin/tags/members/batchtagging").add("errcode", 45011).add("count", 1000).build());
        try {
            JsonObject job = ok(start(admin, acc, tag, "TAG", Map.of("openids", fans))).getJsonObject("job");
            long deadline = System.currentTimeMillis() + 20_000;
            do { // wait until every chunk was tried at least once
                Thread.sleep(100);
            } while (wechat.control.get("/_sandbox/accounts/" + acc.appId() + "/faults:inject").getJsonArray("injections").getJsonObject(0)
                    .getInt("answered") < 4 && System.currentTimeMillis() < deadline); // 200 fans: 4 chunks
            JsonObject seen = admin.data(GET_JOB, Map.of("id", job.getString("id"))).getJsonObject("tagJob");
            assertThat(seen.getString("status")).isEqualTo("RUNNING");
            assertThat(seen.getInt("done")).isZero();
            assertThat(wechat.members(tag)).isEmpty();
        } finally {
            wechat.control.delete("/_sandbox/accounts/" + acc.appId() + "/faults:inject");
        }
        String jobId = admin.data(JOBS, Map.of("a", acc.id())).getJsonObject("tagJobs").getJsonArray("edges").getJsonObject(0)
                .getJsonObject("node").getString("id");
        JsonObject done = awaitFinished(admin, jobId);
        assertThat(List.of(done.getString("status"), done.getInt("succeeded"), done.getInt("failed"))).containsExactly("SUCCEEDED", 200, 0);
        assertThat(wechat.members(tag)).containsExactlyInAnyOrderElementsOf(fans);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void bulkTaggingByWindowStateTakesTheFansWithAnOpenWindow() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Acc acc = account(admin);
        WeChat wechat = new WeChat(acc);
        List<String> fans = seed(wechat, acc, 20);
        insertFans(acc, fans, Map.of());
        int tag = ok(create(admin, acc, "talkers")).getJsonObject("tag").getInt("id");
        // two fans write to the account: each opens a customer-service window
        Callbacks.Account callbacks = new Callbacks.Account(acc.id(), acc.appId(), acc.token(), "PLAIN");
        for (String openid : List.of(fans.get(4), fans.get(11))) {
            assertThat(Callbacks.push(admin, callbacks, Callbacks.message(openid, "text", Long.toString(System.nanoTime()),
                    "<Content><![CDATA[hi]]></Content>")).statusCode()).isEqualTo(200);
        }
        String processed = "query($a: ID!) { callbackEvents(accountId: $a) { edges { node { processedAt } } } }";
        long deadline = System.currentTimeMillis() + 15_000;
        List<JsonObject> events;
        do { // windows are recorded when a push is processed
            Thread.sleep(100);
            events = admin.data(processed, Map.of("a", acc.id())).getJsonObject("callbackEvents").getJsonArray("edges").getValuesAs(JsonObject.class);
        } while ((events.size() < 2 || events.stream().anyMatch(e -> e.getJsonObject("node").isNull("processedAt")))
                && System.currentTimeMillis() < deadline);

        JsonObject job = ok(start(admin, acc, tag, "TAG", Map.of("filter", Map.of("window", "OPEN")))).getJsonObject("job");
        JsonObject done = awaitFinished(admin, job.getString("id"));
        assertThat(List.of(done.getInt("total"), done.getInt("succeeded"))).containsExactly(2, 2);
        assertThat(wechat.members(tag)).containsExactlyInAnyOrder(fans.get(4), fans.get(11));

        JsonObject closed = ok(start(admin, acc, tag, "TAG", Map.of("filter", Map.of("window", "CLOSED")))).getJsonObject("job");
        assertThat(awaitFinished(admin, closed.getString("id")).getInt("succeeded")).isEqualTo(18);
        assertThat(wechat.members(tag)).containsExactlyInAnyOrderElementsOf(fans);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonObject refresh(FanmailClient c, Acc acc) {
        return c.data(REFRESH, Map.of("i", Map.of("accountId", acc.id()))).getJsonObject("tagsRefresh");
    }

    private static JsonObject create(FanmailClient c, Acc acc, String name) {
        return c.data(CREATE, Map.of("i", Map.of("accountId", acc.id(), "name", name))).getJsonObject("tagCreate");
    }

    private static JsonObject rename(FanmailClient c, Acc acc, int tagId, String name) {
        return c.data(RENAME, Map.of("i", Map.of("accountId", acc.id(), "tagId", tagId, "name", name))).getJsonObject("tagRename");
    }

    private static JsonObject delete(FanmailClient c, Acc acc, int tagId) {
        return c.data(DELETE, Map.of("i", Map.of("accountId", acc.id(), "tagId", tagId))).getJsonObject("tagDelete");
    }

    private static JsonObject start(FanmailClient c, Acc acc, int tagId, String action, Map<String, Object> source) {
        Map<String, Object> input = new HashMap<>(source);
        input.put("accountId", acc.id());
        input.put("tagId", tagId);
        input.put("action", action);
        return c.data(START, Map.of("i", input)).getJsonObject("tagJobStart");
    }

    private static JsonObject tag(FanmailClient c, Acc acc, int tagId) {
        return c.data(TAGS, Map.of("a", acc.id())).getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getInt("id") == tagId).findFirst().orElseThrow();
    }

    /** Waits (up to 60 s) until the job ended; returns it with its first failures. */
    private static JsonObject awaitFinished(FanmailClient c, String jobId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonObject job;
        do {
            job = c.data(GET_JOB, Map.of("id", jobId)).getJsonObject("tagJob");
            if (!Set.of("PREPARING", "RUNNING").contains(job.getString("status"))) {
                return job;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the job did not end: " + job);
    }

    private Acc account(FanmailClient admin) throws InterruptedException {
        Map<String, Object> input = Accounts.validInput();
        input.put("encryptionMode", "PLAIN");
        input.remove("encodingAesKey");
        input.put("type", "SERVICE");
        input.put("verified", true);
        JsonObject created = Accounts.create(admin, input);
        assertThat(created.getJsonArray("userErrors")).as(created.toString()).isEmpty();
        Acc acc = new Acc(created.getJsonObject("account").getString("id"), (String) input.get("appId"), (String) input.get("appSecret"),
                (String) input.get("token"));
        SandboxPushesIT.awaitMirrored(new SandboxControlClient(sandboxBase()), acc.appId());
        return acc;
    }

    /** Seeds the sandbox account with {@code n} fans; returns their openids. */
    private static List<String> seed(WeChat wechat, Acc acc, int n) {
        wechat.control.post("/_sandbox/accounts/" + acc.appId() + "/fans:seed", Json.createObjectBuilder().add("count", n).add("seed", 11).build());
        return wechat.control.get("/_sandbox/accounts/" + acc.appId() + "/fans?offset=0&limit=" + n).getJsonArray("fans")
                .getValuesAs(JsonObject.class).stream().map(f -> f.getString("openid")).toList();
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"), System.getProperty("fanmail.test.db.user"),
                System.getProperty("fanmail.test.db.password"));
    }

    /** Puts the fans into Fanmail's fan table (the sync's job, done here by hand), with tag ids where given. */
    private static void insertFans(Acc acc, List<String> openids, Map<String, Integer[]> tags) throws Exception {
        try (Connection c = db(); var s = c.prepareStatement("insert into audiences.fan (account_id, openid, subscribed, tag_ids, created_at, updated_at) "
                + "values (?, ?, true, ?, now(), now())")) {
            for (String o : openids) {
                s.setObject(1, UUID.fromString(acc.id()));
                s.setString(2, o);
                s.setArray(3, c.createArrayOf("integer", tags.getOrDefault(o, new Integer[0])));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * An upload as the uploads feature stores it once read (READY): rows of {@code audiences.upload_row(upload_id,
     * line_no, openid, problem)}, a problem marking an unusable line.
     */
    private static void insertUpload(Acc acc, UUID upload, List<Object[]> rows) throws Exception {
        try (Connection c = db()) {
            try (var s = c.prepareStatement("insert into audiences.upload (id, account_id, name, status, columns, created_at) "
                    + "values (?, ?, 'tags.csv', 'READY', '{openid}', now())")) {
                s.setObject(1, upload);
                s.setObject(2, UUID.fromString(acc.id()));
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("insert into audiences.upload_row (upload_id, line_no, openid, problem) values (?, ?, ?, ?)")) {
                for (Object[] r : rows) {
                    s.setObject(1, upload);
                    s.setInt(2, (Integer) r[0]);
                    s.setString(3, (String) r[1]);
                    s.setString(4, (String) r[2]);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    private static List<String> fansWithTag(Acc acc, int tagId) throws Exception {
        try (Connection c = db(); var s = c.prepareStatement("select openid from audiences.fan where account_id = ? and ? = any(tag_ids)")) {
            s.setObject(1, UUID.fromString(acc.id()));
            s.setInt(2, tagId);
            List<String> out = new ArrayList<>();
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    private static JsonObject ok(JsonObject payload) {
        assertThat(payload.getJsonArray("userErrors")).as(payload.toString()).isEmpty();
        return payload;
    }

    private static List<String> codes(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream().map(e -> e.asJsonObject().getString("code")).toList();
    }

    private static List<String> codesAt(JsonObject payload) {
        return payload.getJsonArray("userErrors").stream()
                .map(e -> e.asJsonObject().getString("code") + "@" + (e.asJsonObject().isNull("field") ? null : e.asJsonObject().getString("field")))
                .toList();
    }

    private static String errorCode(JsonObject body) {
        assertThat(body.containsKey("errors")).as(body.toString()).isTrue();
        return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    private String sandboxBase() {
        return base.toString().replaceAll("/$", "") + "/wechat-sandbox";
    }

    /** Talks to the sandbox's WeChat API directly, as another admin of the account would in WeChat's own back office. */
    private final class WeChat {
        final SandboxControlClient control = new SandboxControlClient(sandboxBase());
        private final Acc acc;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private String token;

        WeChat(Acc acc) {
            this.acc = acc;
        }

        JsonObject call(String path, JsonObject body) throws Exception {
            if (token == null) {
                token = post("cgi-bin/stable_token?appid=" + acc.appId(), Json.createObjectBuilder().add("grant_type", "client_credential")
                        .add("appid", acc.appId()).add("secret", acc.appSecret()).build()).getString("access_token");
            }
            JsonObject res = post(path + "?access_token=" + token, body);
            assertThat(res.getInt("errcode", 0)).as(res.toString()).isZero();
            return res;
        }

        /** WeChat's tags: id to name. */
        Map<Integer, String> tags() throws Exception {
            Map<Integer, String> out = new HashMap<>();
            for (JsonValue v : call("cgi-bin/tags/get", JsonObject.EMPTY_JSON_OBJECT).getJsonArray("tags")) {
                out.put(v.asJsonObject().getInt("id"), v.asJsonObject().getString("name"));
            }
            return out;
        }

        /** The tag's members as WeChat lists them (user/tag/get). */
        List<String> members(int tagId) throws Exception {
            JsonObject page = call("cgi-bin/user/tag/get", Json.createObjectBuilder().add("tagid", tagId).add("next_openid", "").build());
            if (!page.containsKey("data") || page.isNull("data")) {
                return List.of();
            }
            return page.getJsonObject("data").getJsonArray("openid").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList();
        }

        private JsonObject post(String path, JsonObject body) throws Exception {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(sandboxBase() + "/" + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            try (var r = Json.createReader(new StringReader(res.body()))) {
                return r.readObject();
            }
        }
    }
}

package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import app.fanmail.e2e.DispatchUi.History;
import app.fanmail.e2e.DispatchUi.Job;
import app.fanmail.e2e.DispatchUi.TemplateSend;
import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * An operator sends a template message to every follower of a sandbox account, two of whom block the account's
 * messages: the pre-flight plan counts them all reachable, the job's progress bar reaches 100 %, the recipients show
 * who WeChat reported delivered and who blocked it, and the CSV export lists every recipient with that outcome.
 */
class TemplateSendInTheBrowserTest extends BrowserTest {
    private static final int FANS = 16;
    private static final String TEMPLATE = "订单支付成功";

    @Test
    void fromPlanToDeliveredAndBlockedRecipientsAndTheirCsv() throws Exception {
        SandboxAccount account = createSandboxAccount("Template send", "PLAIN");
        FanmailClient admin = FanmailClient.signedInAdmin(baseUrl());
        addTemplate(admin, account.id());
        List<String> followers = seedFollowers(account.appId());
        List<String> blocking = followers.subList(0, 2);
        for (String openid : blocking) {
            sandbox("POST", "/accounts/" + account.appId() + "/fans/" + openid, "{\"refusing\":true}");
        }
        syncFollowers(admin, account.id());

        new SignIn(page).open().as("admin", TestServer.adminPassword());

        // the plan: every follower reachable, today's quota enough, a preview for a sample fan
        TemplateSend send = new TemplateSend(page, account.id()).open().template(TEMPLATE).typeEveryValue("E2E").next().allFollowers().plan();
        assertThat(send.reachable()).hasText(String.valueOf(followers.size()));
        assertThat(send.sendToday()).hasText(String.valueOf(followers.size()));
        assertThat(send.split()).containsText("Today's quota covers the send");
        assertThat(send.preview()).containsText("E2E keyword1");
        screenshot("plan");

        // confirm: the job's bar reaches 100 % and the delivery reports come in
        Job job = send.confirm();
        assertThat(job.progress()).hasAttribute("data-percent", "100", new LocatorAssertions.HasAttributeOptions().setTimeout(DispatchUi.SEND_MS));
        assertThat(job.state()).hasAttribute("data-state", "COMPLETED", new LocatorAssertions.HasAttributeOptions().setTimeout(DispatchUi.SEND_MS));
        // delivery reports refine the counts after the job completed: the page reads them as they come
        assertThat(job.count("USER_BLOCKED")).hasText("2", new LocatorAssertions.HasTextOptions().setTimeout(DispatchUi.SEND_MS));
        assertThat(job.count("DELIVERED")).hasText(String.valueOf(followers.size() - 2));
        screenshot("job-completed");

        // the recipients: the two who block the account, with WeChat's report
        assertThat(job.recipientRow(blocking.get(0))).containsText("Blocked by the fan");
        job.onlyState("Blocked by the fan");
        assertThat(job.recipients().locator("tr[data-row-key]")).hasCount(2);
        job.expand(blocking.get(0));
        assertThat(page.locator("[data-testid^='recipient-report-']").first()).containsText("user block");
        screenshot("blocked-recipients");

        // the CSV export of that filter: a header and the two blocked recipients
        List<String> blockedCsv = job.exportCsv();
        assertEquals(3, blockedCsv.size(), String.join("\n", blockedCsv));
        for (String openid : blocking) {
            assertTrue(blockedCsv.stream().anyMatch(line -> line.contains(openid) && line.contains("USER_BLOCKED")), String.join("\n", blockedCsv));
        }
        // without the filter, every recipient
        job.onlyState("Blocked by the fan");
        List<String> allCsv = job.exportCsv();
        assertEquals(followers.size() + 1, allCsv.size(), String.join("\n", allCsv));
        assertEquals(followers.size() - 2, allCsv.stream().filter(line -> line.contains("DELIVERED")).count(), String.join("\n", allCsv));

        // the fan's page lists what was sent to them and what WeChat reported
        page.navigate("/accounts/" + account.id() + "/fans/" + blocking.get(0));
        assertThat(page.getByTestId("fan-sent-messages")).containsText(TEMPLATE);
        assertThat(page.getByTestId("fan-sent-messages")).containsText("Blocked by the fan");
        screenshot("fan-sent-messages");

        // the history lists the job as completed
        History history = new History(page, account.id()).open();
        assertThat(history.row(TEMPLATE)).containsText("Completed");
        screenshot("history");

        new FanmailUi.Shell(page).switchLanguageTo("中文");
        history.row(TEMPLATE).getByRole(AriaRole.LINK).first().click();
        assertThat(job.state()).hasText("已完成");
        screenshot("job-zh-CN");
    }

    /**
     * Long values (a long template title, openids, WeChat error messages, URLs) wrap or shorten inside the job page,
     * its expanded recipient rows and the history list: the page never grows wider than the window. The job and its
     * recipients are served by the browser here (GraphQL answers replaced), the rest by Fanmail.
     */
    @Test
    void longValuesStayInsideThePage() throws Exception {
        SandboxAccount account = createSandboxAccount("Long values", "PLAIN");
        String title = "订单支付成功".repeat(12) + " with a very long English title that goes on and on";
        String openid = "o" + "LongOpenidWithoutAnyBreakingPoints".repeat(4);
        String errmsg = ("invalid openid rid: 6650b1f2-" + "0123456789abcdef".repeat(6) + " ").repeat(5);
        String counts = "{\"queued\":0,\"sending\":0,\"sent\":0,\"delivered\":1,\"userBlocked\":1,\"systemFailed\":0,\"failed\":1,"
                + "\"skipped\":0,\"inDoubt\":0,\"done\":3,\"total\":3}";
        String job = "{\"__typename\":\"DispatchJob\",\"id\":\"00000000-0000-0000-0000-000000000001\",\"accountId\":\"" + account.id()
                + "\",\"kind\":\"TEMPLATE\",\"state\":\"COMPLETED\",\"title\":\"" + title + "\",\"total\":3,\"counts\":" + counts
                + ",\"pausedUntil\":null,\"pauseReason\":null,\"failure\":null,\"createdBy\":\"admin\",\"createdAt\":\"2026-12-03T08:00:00Z\","
                + "\"startedAt\":\"2026-12-03T08:00:01Z\",\"finishedAt\":\"2026-12-01T08:00:09Z\",\"audience\":\"Upload " + "very-long-file-name_".repeat(8)
                + ".csv\",\"followUpOf\":null,\"content\":{\"templateId\":null,\"wechatTemplateId\":\"" + "Xk9_longTemplateId".repeat(4)
                + "\",\"title\":\"" + title + "\",\"url\":\"https://example.com/" + "path/".repeat(40) + "\",\"miniProgramAppId\":null,"
                + "\"miniProgramPagePath\":null,\"fields\":[{\"key\":\"keyword1\",\"source\":\"FIXED\",\"text\":\"" + "长".repeat(120)
                + "\",\"column\":null},{\"key\":\"keyword2\",\"source\":\"CSV_COLUMN\",\"text\":null,\"column\":\"" + "column_".repeat(20)
                + "\"}]},\"plan\":null,\"events\":[{\"at\":\"2026-12-03T08:00:00Z\",\"actor\":\"admin\",\"from\":null,\"to\":\"PLANNED\","
                + "\"reason\":null},{\"at\":\"2026-12-03T08:00:09Z\",\"actor\":\"system\",\"from\":\"SENDING\",\"to\":\"COMPLETED\",\"reason\":\""
                + "a-reason-without-spaces-".repeat(10) + "\"}]}";
        String recipients = "{\"data\":{\"historyRecipients\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"edges\":["
                + recipient(1, openid, "FAILED", "40003", errmsg, null) + "," + recipient(2, openid + "2", "USER_BLOCKED", "null", null, "failed:user block")
                + "," + recipient(3, openid + "3", "DELIVERED", "null", null, "success") + "]}}}";
        String jobs = "{\"data\":{\"historyJobs\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"edges\":[{\"cursor\":\"c\",\"node\":"
                + job + "}]}}}";
        page.route("**/graphql", route -> {
            String body = route.request().postData();
            if (body != null && body.contains("query DispatchJob(")) {
                route.fulfill(new Route.FulfillOptions().setContentType("application/json").setBody("{\"data\":{\"dispatchJob\":" + job + "}}"));
            } else if (body != null && body.contains("query HistoryRecipients(")) {
                route.fulfill(new Route.FulfillOptions().setContentType("application/json").setBody(recipients));
            } else if (body != null && body.contains("query HistoryJobs(")) {
                route.fulfill(new Route.FulfillOptions().setContentType("application/json").setBody(jobs));
            } else {
                route.resume();
            }
        });
        page.setViewportSize(1280, 900);
        new SignIn(page).open().as("admin", TestServer.adminPassword());

        page.navigate("/accounts/" + account.id() + "/dispatch/jobs/00000000-0000-0000-0000-000000000001");
        Job page1 = new Job(page);
        assertThat(page1.recipients()).containsText("40003");
        page1.expand(openid);
        assertThat(page.getByTestId("recipient-details-1")).containsText("rid: 6650b1f2");
        assertTrue(fitsTheWindow(), "the job page is wider than the window");
        screenshot("long-values-job");

        new History(page, account.id()).open();
        assertThat(page.getByTestId("history-jobs")).containsText("订单支付成功");
        assertTrue(fitsTheWindow(), "the history is wider than the window");
        screenshot("long-values-history");
    }

    private static String recipient(int seq, String openid, String state, String errcode, String errmsg, String report) {
        return "{\"cursor\":\"c" + seq + "\",\"node\":{\"seq\":" + seq + ",\"openid\":\"" + openid + "\",\"state\":\"" + state
                + "\",\"attempts\":1,\"sentAt\":\"2026-12-03T08:00:02Z\",\"msgid\":\"" + "3147483648123456789".repeat(2) + "\",\"errcode\":" + errcode
                + ",\"errmsg\":" + (errmsg == null ? "null" : "\"" + errmsg + "\"") + ",\"reportStatus\":" + (report == null ? "null" : "\"" + report + "\"")
                + ",\"reportedAt\":null,\"skipReason\":null}}";
    }

    /** The page scrolls vertically only. */
    private boolean fitsTheWindow() {
        return (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    }

    /** Industries and the template TM00015 (订单支付成功) from the sandbox's library, through the API. */
    private void addTemplate(FanmailClient admin, String accountId) {
        Map<String, Object> industries = new HashMap<>(Map.of("accountId", accountId, "primaryIndustryId", 1, "secondaryIndustryId", 2));
        JsonObject set = admin.data("mutation($i: TemplateIndustriesSetInput!) { templateIndustriesSet(input: $i) { userErrors { code } } }",
                Map.of("i", industries)).getJsonObject("templateIndustriesSet");
        assertTrue(set.getJsonArray("userErrors").isEmpty(), set.toString());
        JsonObject added = admin.data("mutation($i: TemplateAddInput!) { templateAdd(input: $i) { template { id } userErrors { code } } }",
                Map.of("i", Map.of("accountId", accountId, "shortId", "TM00015"))).getJsonObject("templateAdd");
        assertTrue(added.getJsonArray("userErrors").isEmpty(), added.toString());
    }

    /** Seeds fans in the sandbox and returns the openids of those who follow. */
    private List<String> seedFollowers(String appId) throws Exception {
        sandbox("POST", "/accounts/" + appId + "/fans:seed", "{\"count\":" + FANS + ",\"seed\":23}");
        JsonObject body = FanmailClient.parse(sandbox("GET", "/accounts/" + appId + "/fans?limit=" + FANS, null));
        List<String> followers = new ArrayList<>();
        for (JsonValue value : body.getJsonArray("fans")) {
            JsonObject fan = value.asJsonObject();
            if (fan.getBoolean("subscribed")) {
                followers.add(fan.getString("openid"));
            }
        }
        assertTrue(followers.size() >= 4, "the sandbox seeded fewer than 4 followers: " + body);
        return followers;
    }

    /** Fanmail syncs the followers (through the API) and the test waits until the sync has succeeded. */
    private void syncFollowers(FanmailClient admin, String accountId) throws Exception {
        JsonObject started = admin.data("mutation($i: FanSyncStartInput!) { fanSyncStart(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("accountId", accountId, "kind", "FOLLOWERS"))).getJsonObject("fanSyncStart");
        assertTrue(started.getJsonArray("userErrors").isEmpty(), started.toString());
        long deadline = System.currentTimeMillis() + (long) DispatchUi.SEND_MS;
        while (true) {
            String status = admin.data("query($a: ID!) { fanSyncs(accountId: $a) { kind status } }", Map.of("a", accountId))
                    .getJsonArray("fanSyncs").stream().map(JsonValue::asJsonObject)
                    .filter(s -> "FOLLOWERS".equals(s.getString("kind"))).map(s -> s.getString("status")).findFirst().orElse("NONE");
            if ("SUCCEEDED".equals(status)) {
                return;
            }
            if ("FAILED".equals(status) || "CANCELLED".equals(status) || System.currentTimeMillis() > deadline) {
                throw new AssertionError("the follower sync did not succeed: " + status);
            }
            Thread.sleep(200); // polling, as BrowserTest.awaitInSandbox does
        }
    }

    private String sandbox(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/wechat-sandbox/_sandbox" + path));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " failed: " + res.statusCode() + " " + res.body());
        }
        return res.body();
    }
}

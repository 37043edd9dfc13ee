package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.assertions.LocatorAssertions;

import app.fanmail.e2e.AudiencesUi.Fan;
import app.fanmail.e2e.AudiencesUi.Fans;
import app.fanmail.e2e.AudiencesUi.Segments;
import app.fanmail.e2e.AudiencesUi.Tags;
import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * An operator builds audiences for a sandbox account with followers: syncs the fans and watches the progress bar
 * reach 100 %, creates a tag and tags fans from an uploaded CSV (one bad line), makes a fan send a message in the
 * sandbox and sees that fan's customer-service window open on the fan page, then saves a segment of the followers
 * and sees its count and why all but that fan are out of reach for customer-service messages.
 */
class OperatorBuildsAudiencesInTheBrowserTest extends BrowserTest {
    private static final int FANS = 30;

    @Test
    void syncTagFromCsvWindowAndSegment() throws Exception {
        SandboxAccount account = createSandboxAccount("Audiences", "PLAIN");
        String accountId = account.id();
        seedFans(account.appId());
        List<String> followers = new ArrayList<>();
        int followerCount = sandboxFollowers(account.appId(), followers);

        new SignIn(page).open().as("admin", TestServer.adminPassword());

        // sync the followers: the bar fills live and the list counts them all
        Fans fans = new Fans(page, accountId).open();
        fans.startSync("FOLLOWERS");
        assertThat(fans.syncProgress("FOLLOWERS")).hasAttribute("data-percent", "100", AudiencesUi.patiently());
        assertThat(fans.syncStatus("FOLLOWERS")).hasText("Done");
        assertThat(fans.count()).hasText(String.valueOf(followerCount));
        assertThat(fans.table()).containsText(followers.get(0));
        screenshot("fans-synced");

        // leaving and coming back shows the last run
        new Tags(page, accountId).open();
        fans.open();
        assertThat(fans.syncProgress("FOLLOWERS")).hasAttribute("data-percent", "100");

        // a tag, and three followers tagged from an uploaded CSV with a bad line
        String tag = "E2E VIP " + hex(4);
        Tags tags = new Tags(page, accountId).open().create(tag);
        String csv = "openid,name\n" + followers.get(0) + ",Alice\n" + followers.get(1) + ",Bob\nnot an openid,Nobody\n"
                + followers.get(2) + ",Carol\n";
        tags.tagFansFromCsv(tag, "vip.csv", csv);
        assertThat(tags.jobProgress(tag)).hasAttribute("data-percent", "100", AudiencesUi.patiently());
        assertThat(tags.job(tag)).containsText("Done");
        assertThat(tags.fanCount(tag)).hasText("3", new LocatorAssertions.HasTextOptions().setTimeout(AudiencesUi.LONG_WORK_MS));
        screenshot("tagged-from-csv");

        // the tag filters the fans list
        fans.open();
        page.getByTestId("fan-filter-tags").locator(".ant-select-selector").click();
        page.locator(".ant-select-dropdown .ant-select-item-option[title='" + tag + "']").click();
        page.keyboard().press("Escape");
        assertThat(fans.count()).hasText("3");

        // a fan sends a message in the sandbox: the fan's window opens (5 messages within 48 hours)
        String openid = followers.get(3);
        page.navigate("/accounts/" + accountId + "/events");
        assertThat(page.getByTestId("live-indicator")).hasAttribute("data-status", "connected");
        String text = "我想咨询会员 " + hex(4);
        page.getByTestId("simulate-openid").fill(openid);
        page.getByTestId("simulate-content").fill(text);
        page.getByTestId("simulate-submit").click();
        assertThat(page.getByTestId("events-table")).containsText(text);
        Fan fan = new Fan(page, accountId, openid).untilWindowOpen(15_000);
        assertThat(fan.window()).hasAttribute("data-open", "true");
        assertThat(fan.remaining()).hasText("5");
        assertThat(fan.timeline()).containsText(text);
        screenshot("fan-window-open");

        // the fans list shows that one fan with an open window
        fans.open().onlyWindow("Open");
        assertThat(fans.count()).hasText("1");
        assertThat(page.getByTestId("fan-window-" + openid)).hasAttribute("data-open", "true");

        // a segment of the followers: all are reachable by template messages, one by customer-service messages
        Segments segments = new Segments(page, accountId).open().name("Followers " + hex(4)).onlyFollowers();
        assertThat(segments.matching()).hasText(String.valueOf(followerCount));
        segments.save();
        assertThat(segments.total()).hasText(String.valueOf(followerCount));
        assertThat(segments.reachable()).hasText(String.valueOf(followerCount));
        segments.purpose("Customer service");
        assertThat(segments.reachable()).hasText("1");
        assertThat(segments.excluded("WINDOW_CLOSED")).hasAttribute("data-count", String.valueOf(followerCount - 1));
        screenshot("segment-reach");
    }

    private void seedFans(String appId) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/wechat-sandbox/_sandbox/accounts/" + appId + "/fans:seed"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":" + FANS + ",\"seed\":11}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("seeding failed: " + res.body());
        }
    }

    /** Adds the openids of the sandbox account's followers to {@code into}; returns how many follow. */
    private int sandboxFollowers(String appId, List<String> into) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/wechat-sandbox/_sandbox/accounts/" + appId + "/fans?limit=" + FANS)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("listing the sandbox fans failed: " + res.body());
        }
        JsonObject body = FanmailClient.parse(res.body());
        for (JsonValue value : body.getJsonArray("fans")) {
            JsonObject fan = value.asJsonObject();
            if (fan.getBoolean("subscribed")) {
                into.add(fan.getString("openid"));
            }
        }
        if (into.size() < 4) {
            throw new AssertionError("the sandbox seeded fewer than 4 followers: " + res.body());
        }
        return body.getInt("followers");
    }
}

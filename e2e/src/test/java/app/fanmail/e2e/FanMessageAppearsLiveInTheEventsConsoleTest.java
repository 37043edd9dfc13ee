package app.fanmail.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import app.fanmail.e2e.FanmailUi.SignIn;
import app.fanmail.testing.TestServer;

/**
 * An operator opens a sandbox account's events console, makes a simulated fan send a message from
 * the browser, and watches it arrive live (pushed by the sandbox, signed and encrypted in safe mode,
 * received by Fanmail, streamed over the GraphQL subscription) without reloading.
 */
class FanMessageAppearsLiveInTheEventsConsoleTest extends BrowserTest {

    @Test
    void aSimulatedFanMessageAppearsLive() throws Exception {
        SandboxAccount account = createSandboxAccount("Console", "SAFE");
        String appId = account.appId();
        String accountId = account.id();
        seedFans(appId);

        new SignIn(page).open().as("admin", TestServer.adminPassword());
        page.navigate("/accounts/" + accountId + "/events");
        Locator table = page.getByTestId("events-table");
        assertThat(page.getByTestId("live-indicator")).hasAttribute("data-status", "connected");

        String text = "你好，我想查询订单 " + hex(4);
        page.getByTestId("simulate-content").fill(text);
        page.getByTestId("simulate-submit").click();

        Locator row = table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
        assertThat(row).isVisible();
        assertThat(row).containsText("Text");

        // a second activity, an event this time, arrives on top without a reload
        page.getByTestId("simulate-activity").click();
        page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Click a menu item")).click();
        page.getByTestId("simulate-event-key").fill("MENU_ORDERS");
        page.getByTestId("simulate-submit").click();
        assertThat(table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("MENU_ORDERS"))).isVisible();
        assertThat(row).isVisible();

        // a push with a long unbroken value, expanded with its raw XML: the page stays as wide as the window
        String longText = "长" + "x".repeat(1500);
        page.getByTestId("simulate-activity").click();
        page.getByRole(AriaRole.OPTION, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Send a text").setExact(true)).click();
        page.getByTestId("simulate-content").fill(longText);
        page.getByTestId("simulate-submit").click();
        Locator longRow = table.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("长xxxx"));
        assertThat(longRow).isVisible();
        longRow.locator("time").click(); // not the row's centre: the openid cell there copies, it does not expand
        Locator details = page.locator("[data-testid^='event-details-']");
        assertThat(details).isVisible();
        details.getByText("Raw XML").click();
        assertThat(page.getByTestId("event-raw-xml")).isVisible();
        screenshot("expanded-long-push");
        int viewport = ((Number) page.evaluate("() => document.documentElement.clientWidth")).intValue();
        int pageWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        int tableWidth = ((Number) page.evaluate("() => document.querySelector('[data-testid=events-table] table').scrollWidth")).intValue();
        org.assertj.core.api.Assertions.assertThat(pageWidth).as("page width after expanding").isLessThanOrEqualTo(viewport);
        org.assertj.core.api.Assertions.assertThat(tableWidth).as("table width after expanding").isLessThanOrEqualTo(viewport);
    }

    private void seedFans(String appId) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/wechat-sandbox/_sandbox/accounts/" + appId + "/fans:seed"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"count\":20,\"seed\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("seeding failed: " + res.body());
        }
    }
}

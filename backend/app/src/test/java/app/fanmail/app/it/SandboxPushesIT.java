package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/**
 * The sandbox pushing to Fanmail as WeChat would: accounts with the SANDBOX target are mirrored into
 * the sandbox automatically; simulated fan activity arrives signed (and encrypted) in every mode,
 * and WeChat-style retries of the same push are stored once.
 */
@org.junit.jupiter.api.extension.ExtendWith(ArquillianExtension.class)
@RunAsClient
class SandboxPushesIT {
    private static final String SIMULATE = "mutation($i: SandboxFanActivitySimulateInput!) { sandboxFanActivitySimulate(input: $i) "
            + "{ pushed openid userErrors { code field message } } }";

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

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "COMPATIBLE", "SAFE"})
    @OperateOnDeployment("fanmail")
    void simulatedFanMessagesArriveOnceInEveryMode(String mode) throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, mode);
        SandboxControlClient control = new SandboxControlClient(base.toString().replaceAll("/$", "") + "/wechat-sandbox");
        awaitMirrored(control, account.appId());
        control.seedFans(account.appId(), 3);

        Map<String, Object> input = new HashMap<>();
        input.put("accountId", account.id());
        input.put("activity", "TEXT");
        input.put("content", "来自沙箱的消息 " + mode);
        JsonObject payload = admin.data(SIMULATE, Map.of("i", input)).getJsonObject("sandboxFanActivitySimulate");
        assertThat(payload.getJsonArray("userErrors")).isEmpty();
        assertThat(payload.getBoolean("pushed")).isTrue();

        for (int i = 0; i < 2; i++) {
            control.post("/_sandbox/accounts/" + account.appId() + "/simulate:replay", JsonObject.EMPTY_JSON_OBJECT);
        }
        JsonObject events = awaitEvents(admin, account.id(), 1);
        Thread.sleep(500);
        events = awaitEvents(admin, account.id(), 1);
        assertThat(events.getInt("totalCount")).isEqualTo(1);
        JsonObject node = events.getJsonArray("edges").getJsonObject(0).getJsonObject("node");
        assertThat(node.getString("type")).isEqualTo("text");
        assertThat(node.getString("summary")).isEqualTo("来自沙箱的消息 " + mode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUBSCRIBE", "CLICK", "SCAN", "LOCATION_REPORT"})
    @OperateOnDeployment("fanmail")
    void simulatedEventsArrive(String activity) throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        Callbacks.Account account = Callbacks.create(admin, "SAFE");
        SandboxControlClient control = new SandboxControlClient(base.toString().replaceAll("/$", "") + "/wechat-sandbox");
        awaitMirrored(control, account.appId());
        control.seedFans(account.appId(), 3);
        Map<String, Object> input = new HashMap<>();
        input.put("accountId", account.id());
        input.put("activity", activity);
        input.put("eventKey", "KEY_1");
        assertThat(admin.data(SIMULATE, Map.of("i", input)).getJsonObject("sandboxFanActivitySimulate").getBoolean("pushed")).isTrue();
        String expected = switch (activity) {
            case "SUBSCRIBE" -> "subscribe";
            case "CLICK" -> "click";
            case "SCAN" -> "scan";
            default -> "location_report";
        };
        JsonObject events = awaitEvents(admin, account.id(), 1);
        assertThat(events.getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("type")).isEqualTo(expected);
    }

    static void awaitMirrored(SandboxControlClient control, String appId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                control.get("/_sandbox/accounts/" + appId);
                return;
            } catch (IllegalStateException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("account " + appId + " was not mirrored into the sandbox");
    }

    static JsonObject awaitEvents(FanmailClient admin, String accountId, int expected) throws InterruptedException {
        String query = "query($a: ID!) { callbackEvents(accountId: $a) { totalCount edges { node { type summary processedAt } } } }";
        long deadline = System.currentTimeMillis() + 15_000;
        JsonObject events;
        do {
            events = admin.data(query, Map.of("a", accountId)).getJsonObject("callbackEvents");
            if (events.getInt("totalCount") >= expected) {
                return events;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("expected " + expected + " events, got " + events);
    }
}

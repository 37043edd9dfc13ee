package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import app.fanmail.testing.TestServer;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.domain.ErrorCodes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * Every errcode Fanmail's WeChat layer distinguishes ({@link ErrorCodes}) can be produced by the WeChat sandbox on
 * demand: the sandbox's catalogue lists it, and an injected one reaches Fanmail's client as that errcode with the
 * meaning ErrorCodes gives it.
 */
@ExtendWith(ArquillianExtension.class)
class SandboxErrcodesIT {
    private static final int HTTP_PORT = 8080 + Integer.getInteger("jboss.socket.binding.port-offset",
            Integer.getInteger("fanmail.test.port-offset", 100));
    private static final String SANDBOX = "http://127.0.0.1:" + HTTP_PORT + "/wechat-sandbox";

    @Deployment(name = "sandbox", order = 1, testable = false)
    static WebArchive sandbox() {
        return TestServer.war("fanmail.sandbox.war", "wechat-sandbox.war");
    }

    @Deployment(name = "fanmail", order = 2)
    static WebArchive fanmail() {
        WebArchive war = TestServer.fanmailWar().addClasses(SandboxErrcodesIT.class, SandboxControlClient.class);
        war.addAsLibrary(new File(org.assertj.core.api.Assertions.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        return war;
    }

    @Inject
    AccountRegistration registration;
    @Inject
    WeChatFans fans;

    private final SandboxControlClient control = new SandboxControlClient(SANDBOX);

    private static String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return b.toString();
    }

    private record Registered(UUID id, String appId) {
    }

    private Registered register() {
        String appId = "wx" + hex(16);
        String secret = hex(32);
        UUID id = registration.register(new NewAccount("Errcodes " + hex(4), "gh_" + hex(12), appId, secret, "Tok" + hex(6),
                null, AccountType.SERVICE, true, EncryptionMode.PLAIN, ApiTarget.WECHAT, SANDBOX)).id();
        control.post("/_sandbox/accounts", Json.createObjectBuilder().add("appId", appId).add("appSecret", secret)
                .add("token", "Tok0000").add("encryptionMode", "PLAIN").add("type", "SERVICE").add("verified", true).build());
        return new Registered(id, appId);
    }

    @Test
    @OperateOnDeployment("fanmail")
    void theIpWhitelistRefusesFanmailNamingTheAddressTheSandboxSaw() {
        Registered a = register();
        control.post("/_sandbox/accounts/" + a.appId() + "/switches", Json.createObjectBuilder()
                .add("ipWhitelist", Json.createArrayBuilder().add("203.0.113.1")).build());
        // refused at the token endpoint: TokenService treats it as a configuration problem (with back-off)
        assertThatThrownBy(() -> fans.tags(a.id())).isInstanceOfSatisfying(WeChatException.class, e -> {
            assertThat(e.errcode()).isEqualTo(40164);
            assertThat(e.kind()).isEqualTo(WeChatException.Kind.CREDENTIALS_INVALID);
            assertThat(e.getMessage()).contains("invalid ip 127.0.0.1 ipv6 ::ffff:127.0.0.1, not in whitelist rid: ");
        });
    }

    @Test
    @OperateOnDeployment("fanmail")
    void everyErrcodeFanmailMapsIsProducibleByTheSandbox() {
        JsonObject catalogue = control.get("/_sandbox/errcodes").getJsonObject("errcodes");
        Set<Integer> producible = new HashSet<>();
        catalogue.keySet().forEach(k -> producible.add(Integer.parseInt(k)));
        assertThat(producible).containsAll(ErrorCodes.codes());

        Registered a = register();
        UUID id = a.id();
        String appId = a.appId();
        assertThat(fans.tags(id)).isNotNull();
        try {
            for (int code : ErrorCodes.codes()) {
                if (ErrorCodes.kindOf(code) == WeChatException.Kind.TOKEN_INVALID) {
                    // the client force-refreshes its token; WeChat allows that once per 30 s (sandbox clock)
                    control.advanceClock(31);
                }
                // enough answers to outlast the client's own retries (token refresh, transient back-off)
                control.post("/_sandbox/accounts/" + appId + "/faults:inject", Json.createObjectBuilder()
                        .add("api", "cgi-bin/tags/get").add("errcode", code).add("count", 20).build());
                assertThatThrownBy(() -> fans.tags(id)).as("errcode %s", code)
                        .isInstanceOfSatisfying(WeChatException.class, e -> {
                            assertThat(e.errcode()).isEqualTo(code);
                            assertThat(e.kind()).isEqualTo(ErrorCodes.kindOf(code));
                            String msg = catalogue.getString(Integer.toString(code));
                            assertThat(e.getMessage()).contains(msg.substring(0, Math.min(8, msg.length())));
                        });
                control.delete("/_sandbox/accounts/" + appId + "/faults:inject");
            }
            assertThat(fans.tags(id)).isNotNull();
        } finally {
            control.resetClock();
        }
    }
}

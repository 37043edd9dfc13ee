package app.fanmail.accounts.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.ApiHostPolicy.Outcome;

class ConfiguredApiHostPolicyTest {
    private static ConfiguredApiHostPolicy policy(boolean sandboxEnabled, String wechatApi) {
        ConfiguredApiHostPolicy p = new ConfiguredApiHostPolicy();
        p.allowedHosts = List.of(ConfiguredApiHostPolicy.WECHAT_HOSTS.split(","));
        p.privateHosts = List.of("none");
        p.wechatApi = wechatApi;
        p.sandboxApi = "http://127.0.0.1:8080/wechat-sandbox";
        p.sandboxEnabled = sandboxEnabled;
        p.init();
        return p;
    }

    @Test
    void theSandboxUrlIsAllowedOnlyWhileTheSandboxIsEnabled() {
        assertThat(policy(true, "https://api.weixin.qq.com").check("http://127.0.0.1:8080/wechat-sandbox", true).outcome())
                .isEqualTo(Outcome.ALLOWED);
        assertThat(policy(false, "https://api.weixin.qq.com").check("http://127.0.0.1:8080/wechat-sandbox", true).outcome())
                .isEqualTo(Outcome.HOST_NOT_ALLOWED);
        assertThat(policy(false, "https://api.weixin.qq.com").sandboxEnabled()).isFalse();
    }

    @Test
    void weChatsHostsAndTheConfiguredApiHostAreAllowedByDefault() {
        ConfiguredApiHostPolicy p = policy(false, "https://wechat-proxy.example");
        for (String host : List.of("api.weixin.qq.com", "api2.weixin.qq.com", "sh.api.weixin.qq.com", "sz.api.weixin.qq.com",
                "hk.api.weixin.qq.com", "wechat-proxy.example")) {
            assertThat(p.check("https://" + host, false).outcome()).as(host).isNotEqualTo(Outcome.HOST_NOT_ALLOWED);
        }
        assertThat(p.check("https://mp.weixin.qq.com", false).outcome()).isEqualTo(Outcome.HOST_NOT_ALLOWED);
    }
}

package app.fanmail.accounts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanmail.accounts.api.ApiHostPolicy.Outcome;

class ApiHostsTest {
    /** A fake DNS: names map to literal addresses; anything else does not resolve. */
    private static final Map<String, String> DNS = Map.of(
            "api.weixin.qq.com", "101.91.0.1",
            "proxy.corp.example", "10.1.2.3",
            "rebind.example", "169.254.169.254",
            "ula.example", "fd00::1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        String a = DNS.get(host);
        if (a == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(a)};
    }

    private final ApiHosts hosts = new ApiHosts(
            List.of("api.weixin.qq.com", "proxy.corp.example:8443", "rebind.example", "ula.example", "10.0.0.7", "unknown.example",
                    "http://127.0.0.1:8080/wechat-sandbox"),
            List.of("http://127.0.0.1:8080/wechat-sandbox"), ApiHostsTest::resolve);

    @Test
    void allowsWeChatsHostOnItsDefaultPortOnly() {
        assertThat(hosts.check("https://api.weixin.qq.com", true).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(hosts.check("https://API.weixin.qq.com.", true).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(hosts.check("https://api.weixin.qq.com:8443", true).outcome()).isEqualTo(Outcome.HOST_NOT_ALLOWED);
    }

    @Test
    void refusesHostsNotListed() {
        var v = hosts.check("http://evil.example:9000/x", true);
        assertThat(v.outcome()).isEqualTo(Outcome.HOST_NOT_ALLOWED);
        assertThat(v.hostPort()).isEqualTo("evil.example:9000");
        assertThat(hosts.check("http://127.0.0.1:5432", true).outcome()).isEqualTo(Outcome.HOST_NOT_ALLOWED);
        assertThat(hosts.check("http://user:pw@api.weixin.qq.com", true).outcome()).isEqualTo(Outcome.INVALID_URL);
        assertThat(hosts.check("ftp://api.weixin.qq.com", true).outcome()).isEqualTo(Outcome.INVALID_URL);
    }

    @Test
    void refusesListedHostsThatResolveToInternalAddresses() {
        assertThat(hosts.check("https://proxy.corp.example:8443", true).outcome()).isEqualTo(Outcome.PRIVATE_ADDRESS);
        assertThat(hosts.check("https://rebind.example", true).outcome()).isEqualTo(Outcome.PRIVATE_ADDRESS);
        assertThat(hosts.check("https://ula.example", true).outcome()).isEqualTo(Outcome.PRIVATE_ADDRESS);
        assertThat(hosts.check("https://10.0.0.7", false).outcome()).isEqualTo(Outcome.PRIVATE_ADDRESS);
    }

    @Test
    void allowsTheExplicitlyPrivateSandboxUrl() {
        assertThat(hosts.check("http://127.0.0.1:8080/wechat-sandbox", true).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(hosts.check("http://127.0.0.1:8081/wechat-sandbox", true).outcome()).isEqualTo(Outcome.HOST_NOT_ALLOWED);
    }

    @Test
    void anUnresolvableHostFailsOnlyAtCallTime() {
        assertThat(hosts.check("https://unknown.example", false).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(hosts.check("https://unknown.example", true).outcome()).isEqualTo(Outcome.DNS_FAILURE);
    }

    @Test
    void classifiesInternalAddresses() throws Exception {
        for (String a : List.of("127.0.0.1", "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
                "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1")) {
            assertThat(ApiHosts.isInternal(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : List.of("101.91.0.1", "8.8.8.8", "2606:4700::1111")) {
            assertThat(ApiHosts.isInternal(InetAddress.getByName(a))).as(a).isFalse();
        }
    }
}

package app.fanmail.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse(List.of("10.0.0.0/8", " 192.168.1.7", "fd00::/8"));

    @Test
    void trustsNobodyByDefault() {
        TrustedProxies none = TrustedProxies.parse(List.of("none"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.clientAddress("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
        assertThat(none.isHttps(false, "10.1.2.3", "https")).isFalse();
    }

    @Test
    void believesForwardedForOnlyFromAConfiguredProxy() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("192.168.1.7", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("192.168.1.8", List.of("203.0.113.9"))).isEqualTo("192.168.1.8");
        assertThat(proxies.clientAddress("11.0.0.1", List.of("203.0.113.9"))).isEqualTo("11.0.0.1");
        assertThat(proxies.clientAddress("fd12::1", List.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void takesTheRightMostUntrustedHopSoTheClientCannotChooseItsAddress() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("1.2.3.4, 203.0.113.9, 10.0.0.2"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("1.2.3.4", "203.0.113.9:5555"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("evil.example, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("203.0.113.9, not-an-ip"))).isEqualTo("10.0.0.1");
    }

    @Test
    void httpsOnlyFromTheConnectionOrATrustedProxy() {
        assertThat(proxies.isHttps(true, "11.0.0.1", null)).isTrue();
        assertThat(proxies.isHttps(false, "10.0.0.1", "https")).isTrue();
        assertThat(proxies.isHttps(false, "10.0.0.1", "http")).isFalse();
        assertThat(proxies.isHttps(false, "11.0.0.1", "https")).isFalse();
    }

    @Test
    void refusesWhatIsNotAnAddressWithoutLookingItUp() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("proxy.example"))).hasMessageContaining("proxy.example");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
        assertThat(proxies.isTrusted("localhost")).isFalse();
    }
}

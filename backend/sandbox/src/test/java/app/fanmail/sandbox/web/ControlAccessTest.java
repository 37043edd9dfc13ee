package app.fanmail.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlAccessTest {
    @Test
    void loopbackCallersNeedNoToken() {
        assertThat(ControlAccess.allowed("127.0.0.1", false, null, null)).isTrue();
        assertThat(ControlAccess.allowed("0:0:0:0:0:0:0:1", false, null, "")).isTrue();
        assertThat(ControlAccess.allowed("::1", false, null, "secret")).isTrue();
    }

    @Test
    void remoteCallersNeedTheToken() {
        assertThat(ControlAccess.allowed("192.168.1.20", false, null, null)).isFalse();
        assertThat(ControlAccess.allowed("192.168.1.20", false, "anything", null)).isFalse();
        assertThat(ControlAccess.allowed("192.168.1.20", false, "", "")).isFalse();
        assertThat(ControlAccess.allowed("192.168.1.20", false, "wrong", "secret")).isFalse();
        assertThat(ControlAccess.allowed("192.168.1.20", false, "secret", "secret")).isTrue();
    }

    @Test
    void forwardedRequestsCountAsRemoteEvenFromLoopback() {
        assertThat(ControlAccess.allowed("127.0.0.1", true, null, null)).isFalse();
        assertThat(ControlAccess.allowed("127.0.0.1", true, "secret", "secret")).isTrue();
    }

    @Test
    void neverResolvesNames() {
        assertThat(ControlAccess.isLoopback("localhost")).isFalse();
        assertThat(ControlAccess.isLoopback(null)).isFalse();
    }
}

package app.fanmail.wechat.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateGateTest {
    private static final long MS = 1_000_000L;

    @Test
    void letsABurstThroughThenSpacesCallsAtTheRate() {
        RateGate gate = new RateGate(100, 3, 0); // one slot every 10 ms, 3 at once
        assertThat(gate.reserve(0, 0)).isZero();
        assertThat(gate.reserve(0, 0)).isZero();
        assertThat(gate.reserve(0, 0)).isZero();
        assertThat(gate.reserve(0, 0)).isEqualTo(-1); // would wait 10 ms, none allowed: nothing reserved
        assertThat(gate.reserve(0, 100 * MS)).isEqualTo(10 * MS);
        assertThat(gate.reserve(0, 100 * MS)).isEqualTo(20 * MS);
        assertThat(gate.reserve(1000 * MS, 0)).isZero(); // idle long enough: the burst is back
    }
}

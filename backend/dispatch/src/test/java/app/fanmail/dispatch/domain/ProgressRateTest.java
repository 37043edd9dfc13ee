package app.fanmail.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressRateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void noRateBeforeTwoSamples() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(5));
        assertThat(rate.perSecond()).isZero();
        rate.add(0, 100);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void doneDeltaOverTheTimeBetweenSamples() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(5));
        rate.add(0, 0);
        rate.add(S / 4, 500);
        rate.add(S / 2, 1000);
        assertThat(rate.perSecond()).isCloseTo(2000, within(1e-9));
    }

    @Test
    void onlyTheLastWindowCounts() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(5));
        // fast for 10 s, then stalled for 6 s: the window no longer sees the fast part
        for (int s = 0; s <= 10; s++) {
            rate.add(s * S, s * 1000L);
        }
        assertThat(rate.perSecond()).isCloseTo(1000, within(1e-9));
        for (int s = 11; s <= 16; s++) {
            rate.add(s * S, 10_000);
        }
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void keepsTheSampleAtTheWindowStartSoTheRateSpansTheWindow() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(2));
        rate.add(0, 0);
        rate.add(3 * S, 3000);   // the first sample is older than the window but the only one before it: kept
        assertThat(rate.perSecond()).isCloseTo(1000, within(1e-9));
        rate.add(4 * S, 5000);   // the window starts at 2 s: (0 s, 0) is still the last sample before it
        assertThat(rate.perSecond()).isCloseTo(1250, within(1e-9));
        rate.add(5 * S, 6000);   // the window starts at 3 s: (3 s, 3000) is at its start, (0 s, 0) goes
        assertThat(rate.perSecond()).isCloseTo(1500, within(1e-9));
    }

    @Test
    void startsOverIfDoneWentBack() {
        ProgressRate rate = new ProgressRate(Duration.ofSeconds(5));
        rate.add(0, 100);
        rate.add(S, 50);
        assertThat(rate.perSecond()).isZero();
        rate.add(2 * S, 150);
        assertThat(rate.perSecond()).isCloseTo(100, within(1e-9));
    }

    @Test
    void etaIsRemainingOverRateRoundedUp() {
        assertThat(ProgressRate.etaSeconds(true, 1000, 300)).isEqualTo(4);
        assertThat(ProgressRate.etaSeconds(true, 900, 300)).isEqualTo(3);
        assertThat(ProgressRate.etaSeconds(true, 0, 300)).isZero();
    }

    @Test
    void noEtaWhenNotSendingOrNotMeasured() {
        assertThat(ProgressRate.etaSeconds(false, 1000, 300)).isNull(); // paused, planned, ended
        assertThat(ProgressRate.etaSeconds(true, 1000, 0)).isNull();
        assertThat(ProgressRate.etaSeconds(true, 1000, Double.NaN)).isNull();
        assertThat(ProgressRate.etaSeconds(true, Long.MAX_VALUE, 1e-9)).isNull();
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> new ProgressRate(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

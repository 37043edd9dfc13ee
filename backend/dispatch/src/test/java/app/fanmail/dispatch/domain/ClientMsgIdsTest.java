package app.fanmail.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClientMsgIdsTest {
    private static final UUID JOB = UUID.fromString("3f2a9c4e-0b1d-4e5f-8a7b-6c5d4e3f2a1b");

    @Test
    void theKeyIsTheJobAndTheSeqSoEveryRetryAnywhereReusesIt() {
        assertThat(ClientMsgIds.of(JOB, 42)).isEqualTo("fm3f2a9c4e0b1d4e5f8a7b6c5d4e3f2a1b:42").isEqualTo(ClientMsgIds.of(UUID.fromString(JOB.toString()), 42));
        assertThat(ClientMsgIds.of(JOB, 42)).startsWith(ClientMsgIds.prefix(JOB));
        assertThat(ClientMsgIds.of(JOB, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(54);
        assertThat(ClientMsgIds.isKey(ClientMsgIds.of(JOB, 1))).isTrue();
        assertThat(ClientMsgIds.isKey("fm" + JOB + ":1")).isFalse();
    }

    @Test
    void differentRecipientsAndJobsNeverShareAKey() {
        Set<String> keys = new HashSet<>();
        UUID other = UUID.fromString("3f2a9c4e-0b1d-4e5f-8a7b-6c5d4e3f2a1c");
        for (long seq = 1; seq <= 1000; seq++) {
            keys.add(ClientMsgIds.of(JOB, seq));
            keys.add(ClientMsgIds.of(other, seq));
        }
        assertThat(keys).hasSize(2000);
        // no key is another's prefix: ":1" vs ":10" differ by the whole seq, the prefix ends at ':'
        assertThat(ClientMsgIds.of(JOB, 1)).isNotEqualTo(ClientMsgIds.of(JOB, 10));
    }

    @Test
    void seqStartsAtOne() {
        assertThatThrownBy(() -> ClientMsgIds.of(JOB, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package app.fanmail.materials.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangesTest {
    @Test
    void singleRanges() {
        assertThat(ByteRanges.parse("bytes=0-99", 1000)).containsExactly(0, 99);
        assertThat(ByteRanges.parse("bytes=900-", 1000)).containsExactly(900, 999);
        assertThat(ByteRanges.parse("bytes=-100", 1000)).containsExactly(900, 999);
        assertThat(ByteRanges.parse("bytes=990-5000", 1000)).containsExactly(990, 999);
    }

    @Test
    void unsatisfiableOrUnsupported() {
        assertThat(ByteRanges.parse("bytes=1000-", 1000)).isNull();
        assertThat(ByteRanges.parse("bytes=5-2", 1000)).isNull();
        assertThat(ByteRanges.parse("bytes=0-1,5-6", 1000)).isNull();
        assertThat(ByteRanges.parse("items=0-1", 1000)).isNull();
        assertThat(ByteRanges.parse("bytes=x-1", 1000)).isNull();
        assertThat(ByteRanges.parse(null, 1000)).isNull();
    }
}

package app.fanmail.audiences.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.TagBatchSplitter.Failure;
import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;

class TagBatchSplitterTest {
    private static final Failure INVALID = new Failure(FailureKind.PER_FAN, 40003, "invalid openid");
    private static final Failure FULL = new Failure(FailureKind.PER_FAN, 45059, "user tag count reach limit");

    /** Plays WeChat: all or nothing, refusing a batch with the first bad openid's errcode. */
    private static TagBatchSplitter.Call wechat(Map<String, Failure> bad, List<List<String>> calls) {
        return batch -> {
            calls.add(List.copyOf(batch));
            return batch.stream().filter(bad::containsKey).map(bad::get).findFirst().orElse(null);
        };
    }

    private static List<String> openids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "o" + i).toList();
    }

    @Test
    void aGoodBatchIsOneCall() {
        List<List<String>> calls = new ArrayList<>();
        TagBatchSplitter.Outcome o = TagBatchSplitter.run(openids(50), wechat(Map.of(), calls));
        assertThat(calls).hasSize(1);
        assertThat(o.stopped()).isNull();
        assertThat(o.results()).hasSize(50).allSatisfy((k, v) -> assertThat(v).isNull());
    }

    @Test
    void badOpenidsAreFoundAndTheRestIsTagged() {
        Map<String, Failure> bad = new HashMap<>();
        bad.put("o7", INVALID);
        bad.put("o31", FULL);
        bad.put("o49", INVALID);
        List<List<String>> calls = new ArrayList<>();
        TagBatchSplitter.Outcome o = TagBatchSplitter.run(openids(50), wechat(bad, calls));
        assertThat(o.stopped()).isNull();
        assertThat(o.results()).hasSize(50);
        assertThat(o.results().get("o7")).isEqualTo(INVALID);
        assertThat(o.results().get("o31")).isEqualTo(FULL);
        assertThat(o.results().get("o49")).isEqualTo(INVALID);
        assertThat(o.results().entrySet().stream().filter(e -> e.getValue() == null).count()).isEqualTo(47);
        // every good openid was in a call that succeeded
        assertThat(calls.stream().filter(c -> c.stream().noneMatch(bad::containsKey)).flatMap(List::stream).distinct().count()).isEqualTo(47);
        assertThat(o.calls()).isEqualTo(calls.size()).isLessThan(40);
    }

    @Test
    void oneCulpritCostsAboutTwiceLogTwoOfFifty() {
        List<List<String>> calls = new ArrayList<>();
        TagBatchSplitter.run(openids(50), wechat(Map.of("o23", INVALID), calls));
        assertThat(calls.size()).isLessThanOrEqualTo(13);
    }

    @Test
    void aFailureNotAboutOneFanStopsTheChunk() {
        Failure busy = new Failure(FailureKind.RETRY, -1, "system busy");
        List<List<String>> calls = new ArrayList<>();
        TagBatchSplitter.Outcome o = TagBatchSplitter.run(openids(50), batch -> {
            calls.add(batch);
            return batch.contains("o3") ? (calls.size() == 1 ? INVALID : busy) : null;
        });
        assertThat(o.stopped()).isEqualTo(busy);

        Failure gone = new Failure(FailureKind.JOB, 45159, "invalid tag id");
        TagBatchSplitter.Outcome job = TagBatchSplitter.run(openids(10), batch -> gone);
        assertThat(job.stopped()).isEqualTo(gone);
        assertThat(job.calls()).isEqualTo(1);
        assertThat(job.results()).isEmpty();
    }
}

package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import app.fanmail.audiences.domain.FanFilter;
import org.junit.jupiter.api.Test;

class FanFilterJsonTest {
    @Test
    void everyPartSurvivesTheRoundTrip() {
        FanFilter f = new FanFilter("abc", List.of(3, 101), FanFilter.TagMatch.ALL, false, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), FanFilter.WindowState.OPEN);
        assertThat(FanFilterJson.fromJson(FanFilterJson.toJson(f))).isEqualTo(f);
        assertThat(FanFilterJson.fromJson(FanFilterJson.toJson(FanFilter.all()))).isEqualTo(FanFilter.all());
        FanFilter subscribed = FanFilter.all().withSubscribed(true);
        assertThat(FanFilterJson.fromJson(FanFilterJson.toJson(subscribed))).isEqualTo(subscribed);
    }
}

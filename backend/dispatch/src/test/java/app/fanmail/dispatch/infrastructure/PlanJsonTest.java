package app.fanmail.dispatch.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.dispatch.api.DispatchPlan;

class PlanJsonTest {
    @Test
    void aStoredPlanReadsBackAsItWasWritten() {
        Map<String, Long> excluded = new LinkedHashMap<>();
        excluded.put("DUPLICATE", 2L);
        excluded.put("MISSING_VALUE", 3L);
        DispatchPlan plan = new DispatchPlan(20, 15, excluded, new DispatchPlan.Quota(100, 40, 45, 55, Instant.parse("2026-12-03T16:00:00Z")),
                15, 0, List.of(new DispatchPlan.Warning("VALUE_CUT", "keyword1", 4, "cut"), new DispatchPlan.Warning("VALUE_EMPTY", null, 1, "empty")),
                List.of(new DispatchPlan.Sample("o-1", null, Map.of("keyword1", "值")), new DispatchPlan.Sample("o-2", "备注", Map.of())));
        DispatchPlan read = PlanJson.read(PlanJson.write(plan));
        assertThat(read).isEqualTo(plan);
        assertThat(read.excluded().keySet()).containsExactly("DUPLICATE", "MISSING_VALUE");
    }

    @Test
    void jobsWithoutAStoredPlanHaveNone() {
        assertThat(PlanJson.read("{}")).isNull();
        assertThat(PlanJson.read("{\"selected\":3,\"reachable\":3}")).isNull();
    }

    @Test
    void audiencesAreDescribedForPeople() {
        assertThat(PlanStore.describe("{\"type\":\"ALL\"}", null, null)).isEqualTo("All fans");
        assertThat(PlanStore.describe("{\"type\":\"TAGS\",\"tagIds\":[2,100],\"match\":\"ALL\"}", null, null)).isEqualTo("Fans with all of the tags 2, 100");
        UUID origin = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(PlanStore.describe("{\"type\":\"ALL\"}", origin, "RESEND_IN_DOUBT"))
                .isEqualTo("The IN_DOUBT recipients of job " + origin + " (All fans)");
    }
}

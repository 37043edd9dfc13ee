package app.fanmail.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger's indexed pages by client_msg_id prefix agree with a plain scan of the retained entries, through
 * evictions past the cap, status changes between pages (the cached matches of a prefix must not outlive a change),
 * overlapping prefixes, duplicates and clearing.
 */
class LedgerIndexTest {

    private static final int CAP = 300;
    private static final String[] IDS = {"jobA:", "jobAB:", "jobB:", "x"};
    private static final String[] PREFIXES = {"jobA", "jobA:", "jobAB:", "jobB:", "job", "x", "nothing"};

    private final FanStore fans = new FanStore("wx0123456789abcdef");
    private final Ledger ledger = new Ledger(CAP);
    private final List<Ledger.Entry> added = new ArrayList<>();
    private final Random random = new Random(7);

    @Test
    void pagesByPrefixMatchAScanOfTheRetainedEntries() {
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 60; i++) {
                add();
            }
            for (int i = 0; i < 10; i++) {
                Ledger.Entry e = added.get(added.size() - 1 - random.nextInt(Math.min(added.size(), CAP)));
                ledger.setStatus(e, random.nextBoolean() ? "success" : "failed:user block");
            }
            for (String prefix : PREFIXES) {
                assertPagesMatch(prefix, 1 + random.nextInt(40));
            }
        }
        // a status change between two pages of the same prefix shows on the next page's counts
        Ledger.Entry last = added.get(added.size() - 1);
        String prefix = IDS[0];
        JsonObject first = ledger.pageByClientMsgId(fans, prefix, -1, 5);
        ledger.setStatus(last, "failed:freq limit");
        JsonObject second = ledger.pageByClientMsgId(fans, prefix, -1, 5);
        if (last.clientMsgId != null && last.clientMsgId.startsWith(prefix)) {
            assertThat(second.getJsonObject("counts")).isNotEqualTo(first.getJsonObject("counts"));
        }
        assertPagesMatch(prefix, 7);

        ledger.clear();
        added.clear();
        JsonObject empty = ledger.pageByClientMsgId(fans, "jobA", -1, 10);
        assertThat(empty.getInt("count")).isZero();
        assertThat(empty.getJsonObject("counts").getInt("total")).isZero();
        add();
        assertPagesMatch("", 10);
    }

    private void add() {
        Ledger.Kind kind = random.nextInt(5) == 0 ? Ledger.Kind.CUSTOM : Ledger.Kind.TEMPLATE;
        int fan = random.nextInt(50);
        String id = random.nextInt(6) == 0 ? null : IDS[random.nextInt(IDS.length)] + random.nextInt(40);
        added.add(ledger.add(added.size(), kind, fan, null, added.size() + 1, id, "t", "s", "accepted"));
    }

    /** Pages through {@code prefix} and compares items, cursors and counts with a scan of the retained entries. */
    private void assertPagesMatch(String prefix, int limit) {
        List<Ledger.Entry> retained = added.subList(Math.max(0, added.size() - CAP), added.size());
        List<Ledger.Entry> want = new ArrayList<>();
        Map<String, Long> byStatus = new TreeMap<>();
        Set<Integer> fanSet = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        long duplicates = 0;
        for (Ledger.Entry e : retained) {
            if (e.clientMsgId != null && e.clientMsgId.startsWith(prefix)) {
                want.add(e);
                byStatus.merge(e.status, 1L, Long::sum);
                fanSet.add(e.fan);
                if (seen.merge(e.kind + "|" + e.fan + "|" + e.clientMsgId, 1, Integer::sum) > 1) {
                    duplicates++;
                }
            }
        }
        List<Long> got = new ArrayList<>();
        long after = -1;
        while (true) {
            JsonObject page = ledger.pageByClientMsgId(fans, prefix, after, limit);
            JsonObject counts = page.getJsonObject("counts");
            assertThat(counts.getInt("total")).as(prefix).isEqualTo(want.size());
            assertThat(counts.getInt("fans")).isEqualTo(fanSet.size());
            assertThat(counts.getJsonNumber("duplicates").longValue()).isEqualTo(duplicates);
            Map<String, Long> statuses = new TreeMap<>();
            counts.getJsonObject("byStatus").forEach((k, v) -> statuses.put(k, ((jakarta.json.JsonNumber) v).longValue()));
            assertThat(statuses).isEqualTo(byStatus);
            assertThat(page.getInt("count")).isEqualTo(page.getJsonArray("items").size()).isLessThanOrEqualTo(limit);
            for (JsonValue v : page.getJsonArray("items")) {
                JsonObject item = v.asJsonObject();
                assertThat(item.getString("clientMsgId")).startsWith(prefix);
                assertThat(item.getString("openid")).isEqualTo(fans.openid(want.get(got.size()).fan));
                got.add(item.getJsonNumber("seq").longValue());
            }
            if (!page.containsKey("next")) {
                break;
            }
            assertThat(page.getInt("count")).isEqualTo(limit);
            after = Long.parseLong(page.getString("next"));
        }
        assertThat(got).isEqualTo(want.stream().map(e -> e.seq).toList());
    }
}

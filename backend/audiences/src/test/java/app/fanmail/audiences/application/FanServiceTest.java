package app.fanmail.audiences.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanListOrder;
import app.fanmail.kernel.graphql.UserErrorsException;
import org.junit.jupiter.api.Test;

class FanServiceTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final List<Collection<String>> windowLookups = new ArrayList<>();
    private final List<Collection<String>> openWindowsPassed = new ArrayList<>();
    private int allOpenReads;
    private int tagNameReads;

    private final FanService service = new FanService();

    FanServiceTest() {
        service.fans = new FanListing() {
            @Override
            public FanPage page(UUID accountId, FanFilter filter, Collection<String> openWindows, FanListOrder order, PageKey after, int limit) {
                openWindowsPassed.add(openWindows);
                return new FanPage(List.of(fan("oA", List.of(100, 999)), fan("oB", List.of()), fan("oC", List.of(100))),
                        Optional.of(new PageKey(null, "oC")));
            }

            @Override
            public long count(UUID accountId, FanFilter filter, Collection<String> openWindows) {
                openWindowsPassed.add(openWindows);
                return 3;
            }

            @Override
            public Optional<FanRecord> find(UUID accountId, String openid) {
                return openid.equals("oA") ? Optional.of(fan("oA", List.of(100))) : Optional.empty();
            }

            @Override
            public Map<Integer, String> tagNames(UUID accountId, Collection<Integer> tagIds) {
                tagNameReads++;
                return Map.of(100, "VIP");
            }

            @Override
            public boolean setRemark(UUID accountId, String openid, String remark, Instant at) {
                return false;
            }
        };
        service.windows = new FanWindowSource() {
            @Override
            public Map<String, List<OpenWindow>> openOf(UUID accountId, Collection<String> openids) {
                windowLookups.add(List.copyOf(openids));
                return Map.of("oA", List.of(new OpenWindow("INTERACTION", "CLICK", NOW, NOW.plusSeconds(60), 2),
                        new OpenWindow("MESSAGE", "MESSAGE", NOW, NOW.plus(Duration.ofHours(48)), 5)));
            }

            @Override
            public Set<String> allOpen(UUID accountId) {
                allOpenReads++;
                return Set.of("oA");
            }

            @Override
            public Rules rules() {
                return new Rules(5, Duration.ofHours(48), 3, Duration.ofMinutes(1));
            }
        };
    }

    private static FanRecord fan(String openid, List<Integer> tags) {
        return new FanRecord(openid, "", true, NOW, null, "zh_CN", tags, null, null);
    }

    @Test
    void aPageReadsItsWindowsAndTagNamesOnceAndShowsTheWindowMessagesAreTakenFromNext() {
        FanService.ListPage page = service.list(ACCOUNT, FanFilter.all(), FanListOrder.OPENID, null, 3);
        assertThat(windowLookups).containsExactly(List.of("oA", "oB", "oC"));
        assertThat(tagNameReads).isEqualTo(1);
        assertThat(page.fans().get(0).window().kind()).isEqualTo("INTERACTION");
        assertThat(page.fans().get(0).tags()).containsExactly(new FanService.TagName(100, "VIP"), new FanService.TagName(999, null));
        assertThat(page.fans().get(1).window()).isNull();
        assertThat(page.next()).contains(new FanListing.PageKey(null, "oC"));
    }

    @Test
    void theAccountsOpenWindowsAreReadOnlyForTheWindowFilter() {
        service.list(ACCOUNT, FanFilter.all(), FanListOrder.OPENID, null, 3);
        service.count(ACCOUNT, null);
        assertThat(allOpenReads).isZero();
        assertThat(openWindowsPassed).containsOnlyNulls();
        FanFilter open = new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.CLOSED);
        service.list(ACCOUNT, open, FanListOrder.OPENID, null, 3);
        service.count(ACCOUNT, open);
        assertThat(allOpenReads).isEqualTo(2);
        assertThat(openWindowsPassed.subList(2, 4)).containsExactly(Set.of("oA"), Set.of("oA"));
    }

    @Test
    void anInvalidFilterOrPageSizeIsAUserError() {
        FanFilter backwards = new FanFilter(null, null, null, null, NOW, NOW.minusSeconds(1), null);
        assertThatThrownBy(() -> service.count(ACCOUNT, backwards)).isInstanceOf(UserErrorsException.class)
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).code()).isEqualTo("INVALID_FILTER"))
                .satisfies(e -> assertThat(((UserErrorsException) e).errors().get(0).field()).isEqualTo("filter.interactedBefore"));
        assertThatThrownBy(() -> service.list(ACCOUNT, null, FanListOrder.OPENID, null, FanService.MAX_PAGE + 1))
                .isInstanceOf(UserErrorsException.class);
    }

    @Test
    void oneFanWithItsWindowOrNoneForAnUnknownOpenid() {
        assertThat(service.fan(ACCOUNT, " oA ")).hasValueSatisfying(v -> assertThat(v.window().remaining()).isEqualTo(2));
        assertThat(service.fan(ACCOUNT, "oZ")).isEmpty();
        assertThat(service.fan(ACCOUNT, " ")).isEmpty();
    }
}

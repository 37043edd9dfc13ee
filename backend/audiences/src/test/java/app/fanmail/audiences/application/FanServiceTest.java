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
        FanFilter open = new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.OPEN);
        service.list(ACCOUNT, open, FanListOrder.SUBSCRIBED_AT_DESC, null, 3);
        service.count(ACCOUNT, open);
        assertThat(allOpenReads).isEqualTo(2);
        assertThat(openWindowsPassed.subList(2, 4)).containsExactly(Set.of("oA"), Set.of("oA"));
    }

    /** 300 stored fans o000…o299 (by openid), the open windows of {@code open} (some of fans not stored). */
    private final List<String> stored = java.util.stream.IntStream.range(0, 300).mapToObj(i -> String.format("o%03d", i)).toList();
    private final List<String> slices = new ArrayList<>();

    private void windowsOpenFor(List<String> open) {
        List<String> sorted = open.stream().sorted().toList();
        service.fans = new FanListing() {
            @Override
            public FanPage page(UUID accountId, FanFilter filter, Collection<String> openWindows, FanListOrder order, PageKey after, int limit) {
                openWindowsPassed.add(openWindows);
                List<FanRecord> rows = stored.stream().filter(o -> after == null || o.compareTo(after.openid()) > 0)
                        .filter(o -> filter.window() == null || openWindows.contains(o) == (filter.window() == FanFilter.WindowState.OPEN))
                        .limit(limit + 1L).map(o -> fan(o, List.of())).toList();
                return new FanPage(rows.subList(0, Math.min(limit, rows.size())),
                        rows.size() > limit ? Optional.of(new PageKey(null, rows.get(limit - 1).openid())) : Optional.empty());
            }

            @Override
            public long count(UUID accountId, FanFilter filter, Collection<String> openWindows) {
                throw new AssertionError("not counted");
            }

            @Override
            public Optional<FanRecord> find(UUID accountId, String openid) {
                throw new AssertionError("not looked up");
            }

            @Override
            public Map<Integer, String> tagNames(UUID accountId, Collection<Integer> tagIds) {
                return Map.of();
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
                Map<String, List<OpenWindow>> found = new java.util.HashMap<>();
                openids.stream().filter(sorted::contains).forEach(o -> found.put(o, List.of(new OpenWindow("MESSAGE", "MESSAGE", NOW,
                        NOW.plus(Duration.ofHours(48)), 5))));
                return found;
            }

            @Override
            public Set<String> allOpen(UUID accountId) {
                allOpenReads++;
                return Set.copyOf(sorted);
            }

            @Override
            public Rules rules() {
                return new Rules(5, Duration.ofHours(48), 3, Duration.ofMinutes(1));
            }
        };
        service.openWindows = new OpenWindows() {
            @Override
            public Set<String> openids(UUID accountId) {
                throw new AssertionError("never all of them for a page");
            }

            @Override
            public List<String> openids(UUID accountId, String afterOpenid, int limit) {
                slices.add(afterOpenid + "/" + limit);
                return sorted.stream().filter(o -> afterOpenid == null || o.compareTo(afterOpenid) > 0).limit(limit).toList();
            }
        };
    }

    private static List<String> openids(FanService.ListPage page) {
        return page.fans().stream().map(v -> v.fan().openid()).toList();
    }

    @Test
    void windowOpenByOpenidWalksTheOpenWindowsASliceAtATimeFromTheCursor() {
        windowsOpenFor(java.util.stream.IntStream.range(0, 30).mapToObj(i -> String.format("o%03d", i * 10)).toList());
        FanFilter open = new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.OPEN);
        FanService.ListPage first = service.list(ACCOUNT, open, FanListOrder.OPENID, null, 3);
        assertThat(openids(first)).containsExactly("o000", "o010", "o020");
        assertThat(first.next()).contains(new FanListing.PageKey(null, "o020"));
        assertThat(first.fans()).allSatisfy(v -> assertThat(v.window()).isNotNull());
        FanService.ListPage second = service.list(ACCOUNT, open, FanListOrder.OPENID, first.next().get(), 3);
        assertThat(openids(second)).containsExactly("o030", "o040", "o050");
        assertThat(slices).containsExactly("null/16", "o020/16");
        assertThat(allOpenReads).isZero();
    }

    @Test
    void windowOpenGoesOnToLargerSlicesWhileTheirFansAreNotStored() {
        List<String> open = new ArrayList<>(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "o000" + (char) ('a' + i)).toList());
        open.add("o250");
        windowsOpenFor(open);
        FanService.ListPage page = service.list(ACCOUNT, new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.OPEN),
                FanListOrder.OPENID, null, 1);
        assertThat(openids(page)).containsExactly("o250");
        assertThat(page.next()).isEmpty();
        assertThat(slices).containsExactly("null/8", "o000h/32");
    }

    @Test
    void windowClosedChecksBatchesOfFansForWindowsAndKeysThePageByItsLastFan() {
        windowsOpenFor(List.of("o000", "o001", "o002", "o003", "o004", "o007"));
        FanFilter closed = new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.CLOSED);
        FanService.ListPage page = service.list(ACCOUNT, closed, FanListOrder.OPENID, null, 3);
        assertThat(openids(page)).containsExactly("o005", "o006", "o008");
        assertThat(page.next()).contains(new FanListing.PageKey(null, "o008"));
        assertThat(page.fans()).allSatisfy(v -> assertThat(v.window()).isNull());
        // a batch of 6 (one closed), then of 24; the page's own windows are known (none), not read again
        assertThat(windowLookups.stream().map(Collection::size).toList()).containsExactly(6, 24);
        assertThat(allOpenReads).isZero();
        FanService.ListPage next = service.list(ACCOUNT, closed, FanListOrder.OPENID, page.next().get(), 3);
        assertThat(openids(next)).containsExactly("o009", "o010", "o011");
    }

    @Test
    void windowClosedWhereMostFansHaveAWindowReadsTheRestAgainstAllOpenWindows() {
        windowsOpenFor(stored.subList(0, 295));
        FanService.ListPage page = service.list(ACCOUNT, new FanFilter(null, null, null, null, null, null, FanFilter.WindowState.CLOSED),
                FanListOrder.OPENID, null, 3);
        assertThat(openids(page)).containsExactly("o295", "o296", "o297");
        assertThat(page.next()).contains(new FanListing.PageKey(null, "o297"));
        assertThat(windowLookups.stream().map(Collection::size).toList()).containsExactly(6, 24, 96);
        assertThat(allOpenReads).isEqualTo(1);
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

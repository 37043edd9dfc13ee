package app.fanmail.audiences.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import app.fanmail.audiences.application.FanListing.FanPage;
import app.fanmail.audiences.application.FanListing.PageKey;
import app.fanmail.audiences.application.FanWindowSource.OpenWindow;
import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanListOrder;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The fans list and the fan page: keyset pages of the stored fans with their tag names and customer-service window
 * (one statement for a page's windows, one for its tag names), and counts. The window filter walks the smaller side
 * a bounded step at a time (see {@link #list}): open windows by openid, or fans checked for a window.
 */
@ApplicationScoped
@Transactional
public class FanService {
    /** The largest page of the fans list. */
    public static final int MAX_PAGE = 200;
    /** The most open windows one step of a window-open page reads. */
    static final int MAX_SLICE = 4_000;
    /** The most fans one step of a window-closed page checks. */
    static final int MAX_CANDIDATES = 1_000;
    /** Steps of a window-closed page before the rest is read against all open windows. */
    static final int CANDIDATE_ROUNDS = 3;

    @Inject
    FanListing fans;
    @Inject
    FanWindowSource windows;
    @Inject
    OpenWindows openWindows;

    /** A tag of a fan with its name (null when the account's tags were not synced yet). */
    public record TagName(int id, String name) {
    }

    /** A fan with its tag names and its soonest-expiring open window (null when none). */
    public record FanView(FanRecord fan, List<TagName> tags, OpenWindow window) {
    }

    public record ListPage(List<FanView> fans, Optional<PageKey> next) {
    }

    public ListPage list(UUID accountId, FanFilter filter, FanListOrder order, PageKey after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new UserErrorsException("PAGE_SIZE_INVALID", "first", "first must be between 1 and " + MAX_PAGE + ".");
        }
        FanFilter f = valid(filter);
        FanListOrder o = order == null ? FanListOrder.OPENID : order;
        if (f.window() == FanFilter.WindowState.OPEN && o == FanListOrder.OPENID) {
            return open(accountId, f, after, limit);
        }
        if (f.window() == FanFilter.WindowState.CLOSED) {
            return closed(accountId, f, o, after, limit);
        }
        FanPage page = fans.page(accountId, f, openWindows(accountId, f), o, after, limit);
        return new ListPage(views(accountId, page.fans()), page.next());
    }

    /**
     * Window open, by openid: the open windows after the cursor, a slice at a time (the first just a few pages' worth,
     * then four times more, up to {@value #MAX_SLICE}), each slice's fans looked up by key, until the page is full or the
     * windows run out — never the account's whole set of open windows.
     */
    private ListPage open(UUID accountId, FanFilter f, PageKey after, int limit) {
        List<FanRecord> found = new ArrayList<>(limit + 1);
        String from = after == null ? null : after.openid();
        int slice = Math.min(MAX_SLICE, 4 * (limit + 1));
        while (found.size() <= limit) {
            List<String> open = openWindows.openids(accountId, from, slice);
            if (!open.isEmpty()) {
                found.addAll(fans.page(accountId, f, open, FanListOrder.OPENID, from == null ? null : new PageKey(null, from),
                        limit + 1 - found.size()).fans());
            }
            if (open.size() < slice) {
                break;
            }
            from = open.get(open.size() - 1);
            slice = Math.min(MAX_SLICE, slice * 4);
        }
        return page(accountId, found, FanListOrder.OPENID, limit, false);
    }

    /**
     * Window closed, in any order: the fans matching the rest of the filter are walked in the list's order a batch at a
     * time (the first a little more than a page, then four times more, up to {@value #MAX_CANDIDATES}), and the wechat
     * module is asked which of each batch have an open window (one statement, by key): most fans usually have none, so
     * a page costs about two short statements instead of the account's whole set of open windows. Where most fans have
     * one, after {@value #CANDIDATE_ROUNDS} batches the rest of the page is read against the account's open windows.
     */
    private ListPage closed(UUID accountId, FanFilter f, FanListOrder order, PageKey after, int limit) {
        FanFilter rest = new FanFilter(f.search(), f.tagIds(), f.tagMatch(), f.subscribed(), f.interactedAfter(), f.interactedBefore(), null);
        List<FanRecord> found = new ArrayList<>(limit + 1);
        PageKey key = after;
        int batch = Math.min(MAX_CANDIDATES, limit + 1 + (limit + 1) / 2);
        for (int round = 0; found.size() <= limit; round++) {
            if (round == CANDIDATE_ROUNDS) {
                found.addAll(fans.page(accountId, f, windows.allOpen(accountId), order, key, limit + 1 - found.size()).fans());
                break;
            }
            FanPage candidates = fans.page(accountId, rest, null, order, key, batch);
            if (candidates.fans().isEmpty()) {
                break;
            }
            Set<String> open = windows.openOf(accountId, candidates.fans().stream().map(FanRecord::openid).toList()).keySet();
            for (FanRecord fan : candidates.fans()) {
                if (!open.contains(fan.openid()) && found.size() <= limit) {
                    found.add(fan);
                }
            }
            if (candidates.next().isEmpty()) {
                break;
            }
            key = candidates.next().get();
            batch = Math.min(MAX_CANDIDATES, batch * 4);
        }
        return page(accountId, found, order, limit, true);
    }

    /** The first {@code limit} of {@code found} (one more tells that more follow), keyed as the list's order keys them. */
    private ListPage page(UUID accountId, List<FanRecord> found, FanListOrder order, int limit, boolean knownClosed) {
        List<FanRecord> shown = found.subList(0, Math.min(limit, found.size()));
        Optional<PageKey> next = Optional.empty();
        if (found.size() > limit) {
            FanRecord last = shown.get(limit - 1);
            next = Optional.of(new PageKey(switch (order) {
                case OPENID -> null;
                case SUBSCRIBED_AT_DESC -> last.subscribedAt();
                case LAST_INTERACTION_DESC -> last.lastInteractionAt();
            }, last.openid()));
        }
        return new ListPage(knownClosed ? views(accountId, shown, Map.of()) : views(accountId, shown), next);
    }

    public long count(UUID accountId, FanFilter filter) {
        FanFilter f = valid(filter);
        return fans.count(accountId, f, openWindows(accountId, f));
    }

    public Optional<FanView> fan(UUID accountId, String openid) {
        if (openid == null || openid.isBlank()) {
            return Optional.empty();
        }
        return fans.find(accountId, openid.strip()).map(f -> views(accountId, List.of(f)).get(0));
    }

    public FanWindowSource.Rules windowRules() {
        return windows.rules();
    }

    private List<FanView> views(UUID accountId, List<FanRecord> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        return views(accountId, page, windows.openOf(accountId, page.stream().map(FanRecord::openid).toList()));
    }

    private List<FanView> views(UUID accountId, List<FanRecord> page, Map<String, List<OpenWindow>> open) {
        if (page.isEmpty()) {
            return List.of();
        }
        Set<Integer> tagIds = new TreeSet<>();
        page.forEach(f -> tagIds.addAll(f.tagIds()));
        Map<Integer, String> names = tagIds.isEmpty() ? Map.of() : fans.tagNames(accountId, tagIds);
        List<FanView> views = new ArrayList<>(page.size());
        for (FanRecord f : page) {
            List<OpenWindow> w = open.getOrDefault(f.openid(), List.of());
            views.add(new FanView(f, f.tagIds().stream().map(id -> new TagName(id, names.get(id))).toList(), w.isEmpty() ? null : w.get(0)));
        }
        return views;
    }

    private Collection<String> openWindows(UUID accountId, FanFilter filter) {
        return filter.needsWindows() ? windows.allOpen(accountId) : null;
    }

    private static FanFilter valid(FanFilter filter) {
        FanFilter f = filter == null ? FanFilter.all() : filter;
        FanFilter.Problem problem = f.problem();
        if (problem != null) {
            throw new UserErrorsException("INVALID_FILTER", "filter." + problem.field(), problem.message());
        }
        return f;
    }
}

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
 * (one statement for a page's windows, one for its tag names), and counts.
 */
@ApplicationScoped
@Transactional
public class FanService {
    /** The largest page of the fans list. */
    public static final int MAX_PAGE = 200;

    @Inject
    FanListing fans;
    @Inject
    FanWindowSource windows;

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
        FanPage page = fans.page(accountId, f, openWindows(accountId, f), order == null ? FanListOrder.OPENID : order, after, limit);
        return new ListPage(views(accountId, page.fans()), page.next());
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
        Map<String, List<OpenWindow>> open = windows.openOf(accountId, page.stream().map(FanRecord::openid).toList());
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

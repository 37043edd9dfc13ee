package app.fanmail.audiences.infrastructure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.application.OpenWindows;
import app.fanmail.wechat.api.ServiceWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The open windows as the wechat module records them, as openids only ({@link ServiceWindows#openFans}). */
@ApplicationScoped
public class WeChatOpenWindows implements OpenWindows {
    @Inject
    ServiceWindows windows;

    @Override
    public Set<String> openids(UUID accountId) {
        return all(windows, accountId);
    }

    @Override
    public List<String> openids(UUID accountId, String afterOpenid, int limit) {
        return windows.openFans(accountId, afterOpenid, Math.min(limit, ServiceWindows.MAX_OPENIDS));
    }

    /** Every fan of the account with an open window, {@link ServiceWindows#MAX_OPENIDS} per statement. */
    static Set<String> all(ServiceWindows windows, UUID accountId) {
        Set<String> open = new HashSet<>();
        String after = null;
        List<String> slice;
        do {
            slice = windows.openFans(accountId, after, ServiceWindows.MAX_OPENIDS);
            open.addAll(slice);
            after = slice.isEmpty() ? null : slice.get(slice.size() - 1);
        } while (slice.size() == ServiceWindows.MAX_OPENIDS);
        return open;
    }
}

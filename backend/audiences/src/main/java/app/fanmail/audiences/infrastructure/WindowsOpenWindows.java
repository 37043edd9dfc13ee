package app.fanmail.audiences.infrastructure;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.application.OpenWindows;
import app.fanmail.wechat.api.ServiceWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link OpenWindows} from the wechat module's windows, read in pages of {@link ServiceWindows#MAX_BULK}. */
@ApplicationScoped
public class WindowsOpenWindows implements OpenWindows {
    @Inject
    ServiceWindows windows;

    @Override
    public Set<String> openids(UUID accountId) {
        Set<String> open = new HashSet<>();
        Optional<ServiceWindows.PageCursor> after = Optional.empty();
        do {
            ServiceWindows.WindowPage page = windows.openWindows(accountId, after, ServiceWindows.MAX_BULK);
            page.windows().forEach(w -> open.add(w.openid()));
            after = page.next();
        } while (after.isPresent());
        return open;
    }
}

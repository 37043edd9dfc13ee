package app.fanmail.audiences.infrastructure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.fanmail.audiences.application.FanWindowSource;
import app.fanmail.wechat.api.ServiceWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link FanWindowSource} over the wechat module's {@link ServiceWindows}. */
@ApplicationScoped
public class FanWindowsAdapter implements FanWindowSource {
    @Inject
    ServiceWindows windows;

    @Override
    public Map<String, List<OpenWindow>> openOf(UUID accountId, Collection<String> openids) {
        Map<String, List<OpenWindow>> open = new LinkedHashMap<>();
        List<String> all = List.copyOf(openids);
        for (int i = 0; i < all.size(); i += ServiceWindows.MAX_BULK) {
            windows.openOf(accountId, all.subList(i, Math.min(all.size(), i + ServiceWindows.MAX_BULK))).forEach((openid, list) ->
                    open.put(openid, list.stream().map(w -> new OpenWindow(w.kind(), w.openedBy(), w.openedAt(), w.expiresAt(), w.remaining()))
                            .toList()));
        }
        return open;
    }

    @Override
    public Set<String> allOpen(UUID accountId) {
        return WeChatOpenWindows.all(windows, accountId);
    }

    @Override
    public Rules rules() {
        ServiceWindows.Rules r = windows.rules();
        return new Rules(r.messageQuota(), r.messageDuration(), r.interactionQuota(), r.interactionDuration());
    }
}

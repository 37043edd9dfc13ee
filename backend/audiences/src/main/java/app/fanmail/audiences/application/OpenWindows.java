package app.fanmail.audiences.application;

import java.util.Set;
import java.util.UUID;

/** The fans of an account with an open customer-service window with messages left now (the wechat module tracks them). */
public interface OpenWindows {
    Set<String> openids(UUID accountId);
}

package app.fanmail.audiences.application;

import java.util.Set;
import java.util.UUID;

/** The openids of an account's fans with an open customer-service window now (from the wechat module's windows). */
public interface OpenWindows {
    Set<String> openids(UUID accountId);
}

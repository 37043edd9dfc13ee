package app.fanmail.audiences.application;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The fans of an account with an open customer-service window with messages left now (the wechat module tracks them). */
public interface OpenWindows {
    /** The most openids one {@link #openids(UUID, String, int)} call returns. */
    int MAX_SLICE = 10_000;

    /** All of them. */
    Set<String> openids(UUID accountId);

    /**
     * A slice of them in one statement: ascending by openid in byte order (the order of the fans list by openid, V8),
     * after {@code afterOpenid} (null for the first), at most {@code limit} (1…{@value #MAX_SLICE}).
     */
    List<String> openids(UUID accountId, String afterOpenid, int limit);
}

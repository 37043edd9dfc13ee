package app.fanmail.audiences.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.audiences.domain.FanFilter;
import app.fanmail.audiences.domain.FanListOrder;

/** The port to the stored fans for the list and the fan page (keyset pages, counts, one fan, tag names, the remark). */
public interface FanListing {
    /** Where a page starts: after the fan with this order key ({@code at} null for a fan without the instant) and openid. */
    record PageKey(Instant at, String openid) {
    }

    /** A page in the list's order; {@code next} is the key of its last fan when more follow. */
    record FanPage(List<FanRecord> fans, Optional<PageKey> next) {
    }

    /**
     * Up to {@code limit} fans matching {@code filter} in {@code order}, after {@code after} (null for the first page);
     * {@code openWindows} are the account's fans with an open window (needed when the filter asks for the window state).
     */
    FanPage page(UUID accountId, FanFilter filter, Collection<String> openWindows, FanListOrder order, PageKey after, int limit);

    /** How many fans match. */
    long count(UUID accountId, FanFilter filter, Collection<String> openWindows);

    Optional<FanRecord> find(UUID accountId, String openid);

    /** The names of these tags of the account (tags Fanmail does not know are absent). */
    Map<Integer, String> tagNames(UUID accountId, Collection<Integer> tagIds);

    /** Stores the remark WeChat took; false when the fan is not stored. */
    boolean setRemark(UUID accountId, String openid, String remark, Instant at);
}

package app.fanmail.audiences.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which fans of an account: the one filter behind the fans list, bulk tagging "by filter" and saved segments. Every
 * part is optional (null or empty = no condition); parts combine with AND.
 *
 * @param search          an openid prefix or text contained in the remark (case-insensitive), at most 64 characters
 * @param tagIds          WeChat tag ids; with {@code tagMatch} ANY the fan has at least one, ALL every one, NONE none
 * @param subscribed      true: followers now; false: fans who unfollowed
 * @param interactedAfter last interaction at or after this instant
 * @param interactedBefore last interaction before this instant (fans who never interacted match only when this is set
 *                        and {@code interactedAfter} is not)
 * @param window          OPEN: the fan has a customer-service window with messages left now; CLOSED: none
 */
public record FanFilter(String search, List<Integer> tagIds, TagMatch tagMatch, Boolean subscribed, Instant interactedAfter,
                        Instant interactedBefore, WindowState window) {
    public static final int MAX_SEARCH = 64;
    public static final int MAX_TAGS = 100;

    public enum TagMatch { ANY, ALL, NONE }

    public enum WindowState { OPEN, CLOSED }

    public FanFilter {
        search = search == null || search.isBlank() ? null : search.strip();
        tagIds = tagIds == null ? List.of() : tagIds.stream().filter(Objects::nonNull).distinct().toList();
        tagMatch = tagMatch == null ? TagMatch.ANY : tagMatch;
    }

    public static FanFilter all() {
        return new FanFilter(null, List.of(), TagMatch.ANY, null, null, null, null);
    }

    public FanFilter withSubscribed(Boolean value) {
        return new FanFilter(search, tagIds, tagMatch, value, interactedAfter, interactedBefore, window);
    }

    /** The first problem with this filter as {@code field: message} codes, or null when it is valid. */
    public Problem problem() {
        if (search != null && search.length() > MAX_SEARCH) {
            return new Problem("search", "The search text is longer than " + MAX_SEARCH + " characters.");
        }
        if (tagIds.size() > MAX_TAGS) {
            return new Problem("tagIds", "At most " + MAX_TAGS + " tags can be combined.");
        }
        if (interactedAfter != null && interactedBefore != null && !interactedAfter.isBefore(interactedBefore)) {
            return new Problem("interactedBefore", "The end of the interaction period must be after its start.");
        }
        return null;
    }

    /** Whether the filter needs the account's open customer-service windows. */
    public boolean needsWindows() {
        return window != null;
    }

    /** A field of the filter and what is wrong with it (user error code INVALID_FILTER). */
    public record Problem(String field, String message) {
    }
}

package app.fanmail.audiences.domain;

import java.util.List;
import java.util.Objects;

/**
 * Where the MEMBERS phase of a full sync continues: the tag whose members are being listed and user/tag/get's
 * {@code next_openid} within it (empty for the tag's first page). Stored as {@code "tagId:nextOpenid"}.
 */
public record MemberCursor(int tagId, String nextOpenid) {
    public MemberCursor {
        Objects.requireNonNull(nextOpenid, "nextOpenid");
    }

    public static MemberCursor parse(String stored) {
        int colon = stored == null ? -1 : stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not a member cursor: " + stored);
        }
        return new MemberCursor(Integer.parseInt(stored.substring(0, colon)), stored.substring(colon + 1));
    }

    public String stored() {
        return tagId + ":" + nextOpenid;
    }

    /**
     * The cursor at the first page of the first tag whose members are still to list: the first of {@code tagIds}
     * (ascending) after {@code afterTagId}, or null when none is left.
     */
    public static MemberCursor firstAfter(List<Integer> tagIds, Integer afterTagId) {
        return tagIds.stream().sorted().filter(t -> afterTagId == null || t > afterTagId).findFirst()
                .map(t -> new MemberCursor(t, "")).orElse(null);
    }
}

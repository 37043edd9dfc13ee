package app.fanmail.audiences.api;

import java.util.List;
import java.util.UUID;

/** Who of an account's fans a send is for. */
public sealed interface AudienceSelector {
    /** Every fan of the account. */
    record All() implements AudienceSelector {
    }

    /** Fans with ANY (at least one) or ALL of these WeChat tag ids. */
    record Tags(List<Integer> tagIds, TagMatch match) implements AudienceSelector {
        public Tags {
            tagIds = tagIds == null ? List.of() : List.copyOf(tagIds);
            match = match == null ? TagMatch.ANY : match;
        }
    }

    /** The openids of an uploaded list, in the list's order, with its other CSV columns. */
    record Upload(UUID uploadId) implements AudienceSelector {
    }

    /** The fans a saved segment's filter matches when the selector is resolved. */
    record Segment(UUID segmentId) implements AudienceSelector {
    }

    enum TagMatch { ANY, ALL }
}

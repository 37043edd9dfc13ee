package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.audiences.domain.FanFilter;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;

/** The fans filter as GraphQL takes it: the fans list, bulk tagging by filter and segments share it. */
@Input("FanFilterInput")
@Description("Which fans of an account; every part is optional and the parts combine with AND.")
public record FanFilterInput(
        @Description("An openid prefix, or text contained in the remark (case-insensitive); at most 64 characters.") String search,
        @Name("tagIds") @Description("WeChat tag ids, matched as tagMatch says.") List<Integer> tagIds,
        @Description("How the tags match: ANY (default), ALL or NONE of them.") FanTagMatch tagMatch,
        @Description("true: followers now; false: fans who unfollowed; null: both.") Boolean subscribed,
        @Description("Last interaction (message, menu click, scan, follow…) at or after this instant.") Instant interactedAfter,
        @Description("Last interaction before this instant; without interactedAfter, fans who never interacted match too.") Instant interactedBefore,
        @Description("OPEN: a customer-service window with messages left now; CLOSED: none.") FanWindowState window) {

    @Description("How a fan's tags must match the filter's tags.")
    public enum FanTagMatch {
        @Description("The fan has at least one of the tags.") ANY,
        @Description("The fan has every one of the tags.") ALL,
        @Description("The fan has none of the tags.") NONE
    }

    @Description("Whether a fan can receive customer-service messages now.")
    public enum FanWindowState {
        @Description("A customer-service window with messages left now.") OPEN,
        @Description("No open window with messages left.") CLOSED
    }

    public FanFilter toDomain() {
        return new FanFilter(search, tagIds, tagMatch == null ? null : FanFilter.TagMatch.valueOf(tagMatch.name()), subscribed,
                interactedAfter, interactedBefore, window == null ? null : FanFilter.WindowState.valueOf(window.name()));
    }

    public static FanFilterInput of(FanFilter f) {
        return new FanFilterInput(f.search(), f.tagIds(), FanTagMatch.valueOf(f.tagMatch().name()), f.subscribed(),
                f.interactedAfter(), f.interactedBefore(), f.window() == null ? null : FanWindowState.valueOf(f.window().name()));
    }
}

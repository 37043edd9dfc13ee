package app.fanmail.kernel.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Relay-style paging information for a connection. */
@Type("PageInfo")
@Description("Where a page of a connection sits in the whole list.")
public record PageInfo(
        @NonNull @Description("True when more items follow this page.") boolean hasNextPage,
        @Description("Cursor of the last item of this page; pass it as `after` to read the next page.") String endCursor) {
}

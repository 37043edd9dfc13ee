package app.fanmail.wechat.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.wechat.application.CallbackEventQueries;
import app.fanmail.wechat.application.CallbackEventQueries.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** Pushes that could not be published after several attempts: set aside for admins to look at. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.ADMIN)
public class CallbackDeadLetterGraphQL {
    @Inject
    CallbackEventQueries queries;

    @Query("callbackDeadLetters")
    @NonNull
    @Description("Stored pushes whose publishing failed too often and that are no longer retried, newest first. Admins only.")
    public CallbackDeadLetterConnection callbackDeadLetters(
            @Id @Name("accountId") @Description("Only this account's; all accounts when omitted.") String accountId,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last item of the previous page.") String after) {
        int size = Cursor.pageSize(first, 50, 200);
        Optional<Long> before = Cursor.decode(after, 1).map(p -> parseLong(p.get(0)));
        Optional<UUID> account = accountId == null ? Optional.empty() : Optional.of(Ids.require(accountId, "accountId", "account"));
        CallbackEventQueries.DeadLetterPage page = queries.deadLetters(account, size, before);
        List<CallbackDeadLetterEdge> edges = page.items().stream()
                .map(d -> new CallbackDeadLetterEdge(Cursor.encode(Long.toString(d.id())), view(d))).toList();
        return new CallbackDeadLetterConnection(edges,
                new PageInfo(page.hasNext(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), Math.toIntExact(page.total()));
    }

    private static CallbackDeadLetter view(DeadLetter d) {
        return new CallbackDeadLetter(Long.toString(d.id()), d.accountId().toString(), CallbackEventGraphQL.typeOf(d.msgType(), d.event()),
                d.openid(), d.receivedAt(), d.deadLetteredAt(), d.attempts(), d.lastError() == null ? "" : d.lastError());
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
        }
    }

    @Type("CallbackDeadLetter")
    @Description("A stored push whose event could not be published after several attempts; kept, no longer retried.")
    public record CallbackDeadLetter(
            @NonNull @Id @Description("Inbox id (the same as the push's id in callbackEvents).") String id,
            @NonNull @Id @Description("The account it was pushed to.") String accountId,
            @NonNull @Description("Kind, as in callbackEvents: the MsgType of a message or the lower-case Event of an event.") String type,
            @Description("The fan (FromUserName).") String openid,
            @NonNull @Description("When Fanmail received it.") Instant receivedAt,
            @NonNull @Description("When it was set aside.") Instant deadLetteredAt,
            @NonNull @Description("Failed attempts at publishing it.") int attempts,
            @NonNull @Description("The last failure.") String lastError) {
    }

    @Type("CallbackDeadLetterEdge")
    @Description("A dead-lettered push in a page.")
    public record CallbackDeadLetterEdge(
            @NonNull @Description("Pass as `after` to continue with older ones.") String cursor,
            @NonNull @Description("The dead-lettered push.") CallbackDeadLetter node) {
    }

    @Type("CallbackDeadLetterConnection")
    @Description("Dead-lettered pushes, newest first.")
    public record CallbackDeadLetterConnection(
            @NonNull @Description("The items of this page.") List<@NonNull CallbackDeadLetterEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo,
            @NonNull @Description("Number of dead-lettered pushes matching the filter.") int totalCount) {
    }
}

package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import app.fanmail.audiences.application.FanListing.PageKey;
import app.fanmail.audiences.application.FanRemarkService;
import app.fanmail.audiences.application.FanService;
import app.fanmail.audiences.domain.FanListOrder;
import app.fanmail.audiences.graphql.FanTypes.Fan;
import app.fanmail.audiences.graphql.FanTypes.FanConnection;
import app.fanmail.audiences.graphql.FanTypes.FanEdge;
import app.fanmail.audiences.graphql.FanTypes.FanOrder;
import app.fanmail.audiences.graphql.FanTypes.FanRemarkUpdateInput;
import app.fanmail.audiences.graphql.FanTypes.FanRemarkUpdatePayload;
import app.fanmail.audiences.graphql.FanTypes.ServiceWindowRules;
import app.fanmail.kernel.graphql.CallsWeChat;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The fans list, the fan page and remark editing: everyone signed in reads, operators and admins change. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class FanGraphQL {
    @Inject
    FanService fans;
    @Inject
    FanRemarkService remarks;

    @Query("fans")
    @NonNull
    @Description("A page of an account's fans matching the filter, in keyset order (no total per page: see fanCount).")
    @RequiresRole(Role.VIEWER)
    public FanConnection fans(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("filter") @Description("Which fans; all when null.") FanFilterInput filter,
            @Name("orderBy") @DefaultValue("OPENID") @Description("The order.") FanOrder orderBy,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last fan of the previous page (same order).") String after) {
        FanListOrder order = FanListOrder.valueOf((orderBy == null ? FanOrder.OPENID : orderBy).name());
        int size = Cursor.pageSize(first, 50, FanService.MAX_PAGE);
        PageKey key = Cursor.decode(after, 3).map(p -> key(order, p)).orElse(null);
        FanService.ListPage page = fans.list(account(accountId), filter == null ? null : filter.toDomain(), order, key, size);
        List<FanEdge> edges = page.fans().stream().map(v -> new FanEdge(cursor(order, v), Fan.of(v))).toList();
        return new FanConnection(edges, new PageInfo(page.next().isPresent(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    @Query("fanCount")
    @Description("How many of the account's fans match the filter.")
    @RequiresRole(Role.VIEWER)
    public int fanCount(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("filter") @Description("Which fans; all when null.") FanFilterInput filter) {
        return Math.toIntExact(fans.count(account(accountId), filter == null ? null : filter.toDomain()));
    }

    @Query("fan")
    @Description("One fan of the account with tags, window and last interaction; null when Fanmail does not know the openid. "
            + "The interaction timeline is callbackEvents(accountId, openid).")
    @RequiresRole(Role.VIEWER)
    public Fan fan(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @NonNull @Name("openid") @Description("The fan's openid.") String openid) {
        return fans.fan(account(accountId), openid).map(Fan::of).orElse(null);
    }

    @Query("serviceWindowRules")
    @NonNull
    @Description("How customer-service windows open: messages allowed and for how long after a fan's message and after an event.")
    @RequiresRole(Role.VIEWER)
    public ServiceWindowRules serviceWindowRules() {
        return ServiceWindowRules.of(fans.windowRules());
    }

    @Mutation("fanRemarkUpdate")
    @CallsWeChat
    @NonNull
    @Description("Sets the remark the account gives a fan in WeChat (user/info/updateremark), then in Fanmail.")
    public FanRemarkUpdatePayload fanRemarkUpdate(@NonNull @Name("input") @Description("The mutation's input.") FanRemarkUpdateInput in) {
        return Mutations.attempt(() -> remarks.update(account(in.accountId()), in.openid(), in.remark()),
                v -> new FanRemarkUpdatePayload(Fan.of(v), List.of()), e -> new FanRemarkUpdatePayload(null, e));
    }

    private static String cursor(FanListOrder order, FanService.FanView v) {
        Instant at = switch (order) {
            case OPENID -> null;
            case SUBSCRIBED_AT_DESC -> v.fan().subscribedAt();
            case LAST_INTERACTION_DESC -> v.fan().lastInteractionAt();
        };
        return Cursor.encode(order.name(), at == null ? "" : at.toString(), v.fan().openid());
    }

    private static PageKey key(FanListOrder order, List<String> parts) {
        if (!parts.get(0).equals(order.name()) || parts.get(2).isEmpty() || (order == FanListOrder.OPENID && !parts.get(1).isEmpty())) {
            throw invalidCursor();
        }
        try {
            return new PageKey(parts.get(1).isEmpty() ? null : Instant.parse(parts.get(1)), parts.get(2));
        } catch (DateTimeParseException e) {
            throw invalidCursor();
        }
    }

    private static UserErrorsException invalidCursor() {
        return new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced (with this order).");
    }

    private static UUID account(String id) {
        return Ids.require(id, "accountId", "account");
    }
}

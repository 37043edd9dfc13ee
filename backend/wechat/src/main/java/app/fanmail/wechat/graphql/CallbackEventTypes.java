package app.fanmail.wechat.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.kernel.graphql.PageInfo;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL shapes of the events console. */
public final class CallbackEventTypes {
    private CallbackEventTypes() {
    }

    @Type("CallbackEvent")
    @Description("A push WeChat made to an account: a fan's message or an event, as stored in the inbox.")
    public record CallbackEvent(
            @NonNull @Id @Description("Inbox id; increases with arrival.") String id,
            @NonNull @Id @Description("The account it was pushed to.") String accountId,
            @NonNull @Description("Kind for filtering: the MsgType of a message (text, image, location, …) or the lower-case Event of an event (subscribe, click, templatesendjobfinish, …); a LOCATION event is location_report.") String type,
            @NonNull @Description("WeChat's MsgType.") String msgType,
            @Description("WeChat's Event, for events.") String event,
            @Description("The fan (FromUserName).") String openid,
            @Description("WeChat's CreateTime.") Instant createdAt,
            @NonNull @Description("When Fanmail received it.") Instant receivedAt,
            @Description("When its event was published to the other modules; null while pending.") Instant processedAt,
            @NonNull @Description("One-line human summary, e.g. the text of a message or the status of a delivery report.") String summary,
            @NonNull @Description("Every parsed field, in document order (nested elements flattened as Parent.Child).") List<@NonNull CallbackField> fields,
            @Description("The decrypted XML as received. Only admins see it; null for others.") String rawXml) {
    }

    @Type("CallbackField")
    @Description("One field of a push.")
    public record CallbackField(
            @NonNull @Description("Element name, e.g. Content or CopyrightCheckResult.CheckState.") String name,
            @NonNull @Description("Element text.") String value) {
    }

    @Type("CallbackEventEdge")
    @Description("A push in a page of pushes.")
    public record CallbackEventEdge(
            @NonNull @Description("Pass as `after` to continue with older pushes.") String cursor,
            @NonNull @Description("The push.") CallbackEvent node) {
    }

    @Type("CallbackEventConnection")
    @Description("Pushes to an account, newest first.")
    public record CallbackEventConnection(
            @NonNull @Description("The pushes of this page.") List<@NonNull CallbackEventEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo,
            @NonNull @Description("Number of pushes matching the filter.") int totalCount) {
    }
}

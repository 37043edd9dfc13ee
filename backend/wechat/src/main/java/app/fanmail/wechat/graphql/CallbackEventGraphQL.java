package app.fanmail.wechat.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;

import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.UserErrorsException;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import app.fanmail.wechat.application.CallbackEventQueries;
import app.fanmail.wechat.application.CallbackEventQueries.StoredCallback;
import app.fanmail.wechat.application.InboxProcessor.CallbackRecorded;
import app.fanmail.wechat.graphql.CallbackEventTypes.CallbackEvent;
import app.fanmail.wechat.graphql.CallbackEventTypes.CallbackEventConnection;
import app.fanmail.wechat.graphql.CallbackEventTypes.CallbackEventEdge;
import app.fanmail.wechat.graphql.CallbackEventTypes.CallbackField;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The live events console: what WeChat pushed to an account. Everyone signed in reads; raw XML is for admins. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.VIEWER)
public class CallbackEventGraphQL {
    @Inject
    CallbackEventQueries queries;
    @Inject
    CallbackFeed feed;

    @Query("callbackEvents")
    @NonNull
    @Description("Pushes WeChat made to an account, newest first, optionally only some types (e.g. text, subscribe, templatesendjobfinish) "
            + "or all but some (excludeTypes: templatesendjobfinish hides delivery reports); totalCount counts the same pushes.")
    public CallbackEventConnection callbackEvents(
            @NonNull @Id @Name("accountId") @Description("The account.") String accountId,
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last push of the previous page.") String after,
            @Name("types") @Description("Only these types (MsgType of messages, lower-case Event of events); null or empty: every type.") List<String> types,
            @Name("excludeTypes") @Description("None of these types (applied after types); null or empty: none left out.") List<String> excludeTypes,
            @Name("openid") @Description("Only the pushes of this fan (FromUserName): the fan's interaction timeline.") String openid) {
        int size = Cursor.pageSize(first, 50, 200);
        Optional<Long> before = Cursor.decode(after, 1).map(p -> parseLong(p.get(0)));
        CallbackEventQueries.Page page = queries.list(uuid(accountId), size, before, types, excludeTypes,
                openid == null || openid.isBlank() ? null : openid.strip());
        boolean admin = CurrentViewer.get().map(v -> v.has(Role.ADMIN)).orElse(false);
        List<CallbackEventEdge> edges = page.items().stream()
                .map(s -> new CallbackEventEdge(Cursor.encode(Long.toString(s.id())), view(s, admin))).toList();
        return new CallbackEventConnection(edges, new PageInfo(page.hasNext(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()),
                Math.toIntExact(page.total()));
    }

    @Subscription("callbackEventReceived")
    @NonNull
    @Description("Every push to the account from now on, as soon as it is stored and published.")
    public Multi<CallbackEvent> callbackEventReceived(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        UUID account = uuid(accountId);
        boolean admin = CurrentViewer.get().map(v -> v.has(Role.ADMIN)).orElse(false);
        return feed.stream().filter(r -> r.accountId().equals(account)).map(r -> view(r, admin));
    }

    static CallbackEvent view(StoredCallback s, boolean admin) {
        return event(s.id(), s.accountId(), s.msgType(), s.event(), s.openid(), s.createTime() == null ? null : Instant.ofEpochSecond(s.createTime()),
                s.receivedAt(), s.processedAt(), s.fields(), admin ? s.rawXml() : null);
    }

    static CallbackEvent view(CallbackRecorded r, boolean admin) {
        return event(r.id(), r.accountId(), r.msgType(), r.event(), r.openid(), r.createdAt(), r.receivedAt(), r.processedAt(), r.fields(),
                admin ? r.rawXml() : null);
    }

    private static CallbackEvent event(long id, UUID accountId, String msgType, String event, String openid, Instant createdAt,
                                       Instant receivedAt, Instant processedAt, Map<String, Object> fields, String rawXml) {
        String type = typeOf(msgType, event);
        List<CallbackField> flat = new ArrayList<>();
        flatten("", fields, flat);
        return new CallbackEvent(Long.toString(id), accountId.toString(), type, msgType, emptyToNull(event), openid, createdAt,
                receivedAt, processedAt, summary(type, fields), flat, rawXml);
    }

    /** The console's type: MsgType for messages, the lower-case Event for events, LOCATION events as location_report. */
    static String typeOf(String msgType, String event) {
        if (!"event".equals(msgType) || event == null || event.isEmpty()) {
            return msgType;
        }
        String e = event.toLowerCase();
        return e.equals("location") ? "location_report" : e;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> fields, List<CallbackField> out) {
        fields.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                flatten(prefix + k + ".", (Map<String, Object>) m, out);
            } else {
                out.add(new CallbackField(prefix + k, String.valueOf(v)));
            }
        });
    }

    static String summary(String type, Map<String, Object> f) {
        String s = switch (type) {
            case "text" -> text(f, "Content");
            case "image" -> text(f, "PicUrl");
            case "voice" -> firstNonEmpty(text(f, "Recognition"), "format " + text(f, "Format"));
            case "location" -> text(f, "Label") + " (" + text(f, "Location_X") + ", " + text(f, "Location_Y") + ")";
            case "link" -> text(f, "Title") + " " + text(f, "Url");
            case "subscribe", "scan", "click", "view", "scancode_push", "scancode_waitmsg" -> text(f, "EventKey");
            case "location_report" -> text(f, "Latitude") + ", " + text(f, "Longitude");
            case "templatesendjobfinish" -> "MsgID " + text(f, "MsgID") + ": " + text(f, "Status");
            case "masssendjobfinish" -> "MsgID " + text(f, "MsgID") + ": " + text(f, "Status") + ", sent " + text(f, "SentCount")
                    + "/" + text(f, "TotalCount") + ", errors " + text(f, "ErrorCount");
            default -> "";
        };
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v instanceof String str ? str : "";
    }

    private static String firstNonEmpty(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UserErrorsException("CURSOR_INVALID", "after", "The cursor is not one this list produced.");
        }
    }

    private static UUID uuid(String id) {
        return Ids.require(id, "accountId", "account");
    }

    /** Committed pushes, broadcast to console subscribers. */
    @ApplicationScoped
    public static class CallbackFeed {
        private final Flow.Processor<CallbackRecorded, CallbackRecorded> processor =
                BroadcastProcessor.<CallbackRecorded>create().serialized();

        Multi<CallbackRecorded> stream() {
            return Multi.createFrom().publisher(processor);
        }

        void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallbackRecorded recorded) {
            processor.onNext(recorded);
        }
    }
}

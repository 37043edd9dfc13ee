package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.audiences.application.FanService.FanView;
import app.fanmail.audiences.application.FanWindowSource;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types of the fans list and the fan page. */
public final class FanTypes {
    private FanTypes() {
    }

    @Enum("FanOrder")
    @Description("The order of the fans list; pages continue by keyset, so deep pages cost what the first does.")
    public enum FanOrder {
        @Description("By openid.") OPENID,
        @Description("Newest follower first (fans without a subscribe time last), then by openid.") SUBSCRIBED_AT_DESC,
        @Description("Most recent interaction first (fans who never interacted last), then by openid.") LAST_INTERACTION_DESC
    }

    @Enum("FanWindowKind")
    @Description("Which kind of customer-service window is open.")
    public enum FanWindowKind {
        @Description("Opened by a message from the fan (5 messages within 48 h by default).") MESSAGE,
        @Description("Opened by an event: menu click, scan, follow or QR scan (3 messages within 1 minute by default).") INTERACTION
    }

    @Enum("FanWindowTrigger")
    @Description("What the fan did that opened the window.")
    public enum FanWindowTrigger {
        @Description("Sent a message.") MESSAGE,
        @Description("Clicked a menu item.") CLICK,
        @Description("Scanned a code from a menu (scancode_push, scancode_waitmsg).") CODE_SCAN,
        @Description("Followed the account.") FOLLOW,
        @Description("Scanned the account's QR code while following it.") QR_SCAN,
        @Description("Recorded before Fanmail kept the trigger.") UNKNOWN
    }

    @Type("FanTag")
    @Description("A tag a fan carries.")
    public record FanTag(
            @NonNull @Id @Description("WeChat's tag id.") String id,
            @Description("The tag's name; null when the account's tags were not synced yet.") String name) {
    }

    @Type("FanWindow")
    @Description("A fan's customer-service window now: the one messages are taken from next (soonest expiry). open=false when none "
            + "is open or every message was used.")
    public record FanWindow(
            @NonNull @Description("Whether customer-service messages can be sent to the fan now.") boolean open,
            @Description("The window's kind; null when closed.") FanWindowKind kind,
            @Description("What opened it; null when closed.") FanWindowTrigger openedBy,
            @Description("When the fan acted (the push's CreateTime); null when closed.") Instant openedAt,
            @Description("When it closes; null when closed.") Instant expiresAt,
            @NonNull @Description("Messages that can still be sent in it; 0 when closed.") int remaining) {

        static final FanWindow CLOSED = new FanWindow(false, null, null, null, null, 0);

        static FanWindow of(FanWindowSource.OpenWindow w) {
            if (w == null) {
                return CLOSED;
            }
            return new FanWindow(true, FanWindowKind.valueOf(w.kind()), trigger(w.openedBy()), w.openedAt(), w.expiresAt(), w.remaining());
        }

        private static FanWindowTrigger trigger(String name) {
            try {
                return name == null ? FanWindowTrigger.UNKNOWN : FanWindowTrigger.valueOf(name);
            } catch (IllegalArgumentException e) {
                return FanWindowTrigger.UNKNOWN;
            }
        }
    }

    @Type("Fan")
    @Description("A fan of an account as Fanmail keeps it (synced from WeChat, updated by pushes).")
    public record Fan(
            @NonNull @Description("The fan's openid for this account.") String openid,
            @NonNull @Description("The remark the account gives the fan (empty when none).") String remark,
            @NonNull @Description("Whether the fan follows the account now; an unfollowed fan stays and is never sent to.") boolean subscribed,
            @Description("When the fan followed (WeChat's subscribe_time).") Instant subscribedAt,
            @Description("When the fan unfollowed; null while following.") Instant unsubscribedAt,
            @Description("The fan's language as WeChat reports it (e.g. zh_CN).") String language,
            @NonNull @Description("The fan's tags.") List<@NonNull FanTag> tags,
            @Description("The fan's last message, menu click, scan or follow.") Instant lastInteractionAt,
            @Description("When the details (remark, tags, language) were last read from WeChat; null before.") Instant detailsSyncedAt,
            @NonNull @Description("The customer-service window now.") FanWindow window) {

        static Fan of(FanView v) {
            var f = v.fan();
            return new Fan(f.openid(), f.remark(), f.subscribed(), f.subscribedAt(), f.unsubscribedAt(), f.language(),
                    v.tags().stream().map(t -> new FanTag(Integer.toString(t.id()), t.name())).toList(), f.lastInteractionAt(),
                    f.detailsSyncedAt(), FanWindow.of(v.window()));
        }
    }

    @Type("FanEdge")
    @Description("A fan in a page of fans.")
    public record FanEdge(
            @NonNull @Description("Pass as `after` to continue after this fan (in the same order).") String cursor,
            @NonNull @Description("The fan.") Fan node) {
    }

    @Type("FanConnection")
    @Description("A page of an account's fans; fanCount gives the total (not counted per page).")
    public record FanConnection(
            @NonNull @Description("The fans of this page.") List<@NonNull FanEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo) {
    }

    @Type("ServiceWindowRules")
    @Description("How customer-service windows open (server configuration fanmail.wechat.window.*; WeChat has changed them before).")
    public record ServiceWindowRules(
            @NonNull @Description("Messages allowed after a fan's message.") int messageLimit,
            @NonNull @Description("How long, in seconds, after a fan's message.") int messageSeconds,
            @NonNull @Description("Messages allowed after a menu click, scan, follow or QR scan.") int interactionLimit,
            @NonNull @Description("How long, in seconds, after such an event.") int interactionSeconds) {

        static ServiceWindowRules of(FanWindowSource.Rules r) {
            return new ServiceWindowRules(r.messageLimit(), Math.toIntExact(r.messageDuration().toSeconds()), r.interactionLimit(),
                    Math.toIntExact(r.interactionDuration().toSeconds()));
        }
    }

    @Input("FanRemarkUpdateInput")
    @Description("Sets the remark the account gives a fan, in WeChat and in Fanmail.")
    public record FanRemarkUpdateInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The fan's openid.") String openid,
            @NonNull @Description("The new remark: at most 30 bytes of UTF-8 (ten Chinese characters); empty clears it.") String remark) {
    }

    @Type("FanRemarkUpdatePayload")
    @Description("Result of fanRemarkUpdate.")
    public record FanRemarkUpdatePayload(
            @Description("The fan with its new remark; null when refused.") Fan fan,
            @NonNull @Description("Why it was refused (REMARK_TOO_LONG, FAN_NOT_FOUND, WECHAT_ERROR); empty on success.")
            List<@NonNull UserError> userErrors) {
    }
}

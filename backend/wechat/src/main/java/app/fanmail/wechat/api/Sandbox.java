package app.fanmail.wechat.api;

import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;

/** Driving Fanmail's WeChat sandbox for accounts whose API target is SANDBOX (demos, tests). */
public interface Sandbox {
    /** What a simulated fan does; each pushes the callback WeChat would send. */
    @Description("What a simulated fan does: send a message of a type, follow, unfollow, scan, click or view a menu, report location.")
    enum FanActivity {
        @Description("Sends a text message.")
        TEXT,
        @Description("Sends an image.")
        IMAGE,
        @Description("Sends a voice message.")
        VOICE,
        @Description("Sends a video.")
        VIDEO,
        @Description("Sends a short video.")
        SHORTVIDEO,
        @Description("Sends a location message.")
        LOCATION,
        @Description("Sends a link.")
        LINK,
        @Description("Follows the account.")
        SUBSCRIBE,
        @Description("Unfollows the account.")
        UNSUBSCRIBE,
        @Description("Scans a parametric QR code as a follower.")
        SCAN,
        @Description("Clicks a menu item.")
        CLICK,
        @Description("Opens a menu link.")
        VIEW,
        @Description("Scans a code from the menu (push).")
        SCANCODE_PUSH,
        @Description("Scans a code from the menu and waits for a message.")
        SCANCODE_WAITMSG,
        @Description("Reports the location automatically.")
        LOCATION_REPORT
    }

    /** The sandbox's answer: whether Fanmail's callback accepted the push, the sandbox's delivery status, the fan. */
    record Simulated(boolean delivered, String status, String openid) {
    }

    /** Registers the account (with its callback URL and secrets) in the sandbox, creating or replacing it. */
    void register(UUID accountId);

    /** Seeds {@code count} fans with a few tags. */
    void seedFans(UUID accountId, int count);

    /** Makes a fan act; openid null lets the sandbox pick one of the account's fans. */
    Simulated simulate(UUID accountId, FanActivity activity, String openid, String content, String eventKey);
}

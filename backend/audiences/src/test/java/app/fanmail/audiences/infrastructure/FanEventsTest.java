package app.fanmail.audiences.infrastructure;

import app.fanmail.audiences.application.FanEventWrites;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.wechat.api.InboundEvent;

class FanEventsTest {
    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-01T08:00:03Z");
    private final List<String> writes = new ArrayList<>();
    private final FanEvents events = new FanEvents();

    FanEventsTest() {
        events.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        events.writes = new FanEventWrites() {
            @Override
            public void followed(UUID accountId, String openid, Instant at, String qrScene, Instant now) {
                writes.add("followed " + openid + " " + at + " " + qrScene + " " + now);
            }

            @Override
            public void unfollowed(UUID accountId, String openid, Instant at, Instant now) {
                writes.add("unfollowed " + openid + " " + at + " " + now);
            }

            @Override
            public void interacted(UUID accountId, String openid, Instant at, Instant now) {
                writes.add("interacted " + openid + " " + at);
            }
        };
    }

    @Test
    void followsUnfollowsAndEveryInteractionAreWritten() {
        events.inbound(new InboundEvent.Followed(ACCOUNT, 1, "o1", AT, "campaign42", "t"));
        events.inbound(new InboundEvent.Followed(ACCOUNT, 2, "o2", AT, null, null));
        events.inbound(new InboundEvent.Unfollowed(ACCOUNT, 3, "o3", AT));
        events.inbound(new InboundEvent.UserMessage(ACCOUNT, 4, "o4", AT, "text", "m1", Map.of("Content", "hi")));
        events.inbound(new InboundEvent.MenuClicked(ACCOUNT, 5, "o5", AT, "K"));
        events.inbound(new InboundEvent.MenuLinkOpened(ACCOUNT, 6, "o6", AT, "https://x"));
        events.inbound(new InboundEvent.CodeScanned(ACCOUNT, 7, "o7", AT, "K", false, "qrcode", "r"));
        events.inbound(new InboundEvent.QrScanned(ACCOUNT, 8, "o8", AT, "s", "t"));
        events.inbound(new InboundEvent.LocationReported(ACCOUNT, 9, "o9", AT, 1, 2, 3));

        assertThat(writes).containsExactly("followed o1 " + AT + " campaign42 " + NOW, "followed o2 " + AT + " null " + NOW,
                "unfollowed o3 " + AT + " " + NOW, "interacted o4 " + AT, "interacted o5 " + AT, "interacted o6 " + AT, "interacted o7 " + AT,
                "interacted o8 " + AT, "interacted o9 " + AT);
    }

    @Test
    void reportsAndUnknownPushesSayNothingAboutTheFan() {
        events.inbound(new InboundEvent.TemplateDeliveryReported(ACCOUNT, 1, "o1", AT, "1", "success", InboundEvent.DeliveryOutcome.DELIVERED));
        events.inbound(new InboundEvent.Unrecognized(ACCOUNT, 2, "o2", AT, "event", "weird", Map.of()));
        events.inbound(new InboundEvent.UserMessage(ACCOUNT, 3, "", AT, "text", "m1", Map.of()));
        events.inbound(new InboundEvent.UserMessage(ACCOUNT, 4, "o4", null, "text", "m1", Map.of()));

        assertThat(writes).isEmpty();
    }

    @Test
    void theSceneIsWhatFollowsQrscene() {
        assertThat(FanEvents.scene("qrscene_123")).isEqualTo("123");
        assertThat(FanEvents.scene("abc")).isEqualTo("abc");
        assertThat(FanEvents.scene("")).isNull();
        assertThat(FanEvents.scene(null)).isNull();
        assertThat(FanEvents.scene("x".repeat(300))).hasSize(128);
    }
}

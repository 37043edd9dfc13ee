package app.fanmail.wechat.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import app.fanmail.wechat.api.ServiceWindows;

/** The customer-service window rules are MicroProfile Config settings with WeChat's current numbers as defaults. */
class WindowRulesConfigTest {

    @Test
    void theRulesAreSettingsWithWeChatsNumbersAsDefaults() throws Exception {
        Map<String, String[]> expected = Map.of(
                "messageQuota", new String[] {"fanmail.wechat.window.message-quota", "5"},
                "messageDuration", new String[] {"fanmail.wechat.window.message-duration", "PT48H"},
                "interactionQuota", new String[] {"fanmail.wechat.window.interaction-quota", "3"},
                "interactionDuration", new String[] {"fanmail.wechat.window.interaction-duration", "PT1M"});
        for (var e : expected.entrySet()) {
            ConfigProperty p = InboxProcessor.class.getDeclaredField(e.getKey()).getAnnotation(ConfigProperty.class);
            assertThat(p).as(e.getKey()).isNotNull();
            assertThat(p.name()).isEqualTo(e.getValue()[0]);
            assertThat(p.defaultValue()).isEqualTo(e.getValue()[1]);
        }
    }

    @Test
    void configuredValuesAreTheRulesWindowsOpenWithAndWhatTheApiReports() {
        InboxProcessor inbox = new InboxProcessor();
        inbox.messageQuota = 7;
        inbox.messageDuration = Duration.ofHours(24);
        inbox.interactionQuota = 2;
        inbox.interactionDuration = Duration.ofSeconds(30);
        assertThat(inbox.rules().messageQuota()).isEqualTo(7);
        assertThat(inbox.rules().messageDuration()).isEqualTo(Duration.ofHours(24));
        assertThat(inbox.rules().interactionQuota()).isEqualTo(2);
        assertThat(inbox.rules().interactionDuration()).isEqualTo(Duration.ofSeconds(30));

        ServiceWindowService windows = new ServiceWindowService();
        windows.inbox = inbox;
        assertThat(windows.rules()).isEqualTo(new ServiceWindows.Rules(7, Duration.ofHours(24), 2, Duration.ofSeconds(30)));
    }
}

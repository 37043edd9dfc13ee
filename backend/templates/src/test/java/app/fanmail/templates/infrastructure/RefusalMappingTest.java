package app.fanmail.templates.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.fanmail.templates.application.TemplateGateway.Refusal;
import app.fanmail.wechat.api.WeChatException;

class RefusalMappingTest {
    @Test
    void everyTemplateRuleOfWeChatHasItsRefusalHere() {
        assertThat(WeChatTemplateGateway.refusal(WeChatException.Refusal.TEMPLATE_LIMIT)).isEqualTo(Refusal.TEMPLATE_LIMIT);
        assertThat(WeChatTemplateGateway.refusal(WeChatException.Refusal.CATEGORY_DUPLICATE)).isEqualTo(Refusal.CATEGORY_DUPLICATE);
        assertThat(WeChatTemplateGateway.refusal(WeChatException.Refusal.INDUSTRY_CHANGED_TOO_OFTEN)).isEqualTo(Refusal.INDUSTRY_CHANGED_TOO_OFTEN);
        assertThat(WeChatTemplateGateway.refusal(WeChatException.Refusal.NONE)).isEqualTo(Refusal.NONE);
        assertThat(WeChatTemplateGateway.refusal(null)).isEqualTo(Refusal.NONE);
    }

    @Test
    void noWeChatRefusalIsLostOnTheWay() {
        for (WeChatException.Refusal r : WeChatException.Refusal.values()) {
            Refusal mapped = WeChatTemplateGateway.refusal(r);
            if (r != WeChatException.Refusal.NONE && mapped == Refusal.NONE) {
                // refusals about other APIs (sends, materials) are no template rule: NONE is right for them
                assertThat(r.name()).doesNotStartWith("TEMPLATE").doesNotStartWith("CATEGORY").doesNotStartWith("INDUSTRY");
            }
        }
    }
}

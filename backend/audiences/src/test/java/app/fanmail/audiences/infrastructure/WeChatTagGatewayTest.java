package app.fanmail.audiences.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.fanmail.audiences.domain.TagBatchSplitter.FailureKind;
import app.fanmail.audiences.domain.TagRules;
import app.fanmail.audiences.domain.TagRules.Reason;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Certainty;
import app.fanmail.wechat.api.WeChatException.Kind;
import app.fanmail.wechat.api.WeChatException.Refusal;
import app.fanmail.wechat.api.WeChatLimits;

class WeChatTagGatewayTest {
    private static WeChatException refused(Kind kind, Refusal refusal, int errcode, String errmsg) {
        return new WeChatException(kind, refusal, Certainty.NOT_PROCESSED, errcode, errmsg, null, null);
    }

    @Test
    void failuresAboutOneFanAreSplitRetryableOnesRetriedTheRestFailTheJob() {
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.RECIPIENT_FINAL, 40003, "invalid openid", null))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.RECIPIENT_FINAL, 46004, "invalid user", null))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(refused(Kind.LIMIT, Refusal.FAN_TAG_LIMIT, 45059, "user tag count reach limit"))).isEqualTo(FailureKind.PER_FAN);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.TRANSIENT, -1, "system error", null))).isEqualTo(FailureKind.RETRY);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.THROTTLED, 45011, "api minute-quota reach limit", null))).isEqualTo(FailureKind.RETRY);
        assertThat(WeChatTagGateway.kind(refused(Kind.REQUEST_INVALID, Refusal.TAG_UNKNOWN, 45159, "invalid tag id"))).isEqualTo(FailureKind.JOB);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.LIMIT, 45056, "too many tags", null))).isEqualTo(FailureKind.JOB);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.PERMISSION, 48001, "api unauthorized", null))).isEqualTo(FailureKind.JOB);
        assertThat(WeChatTagGateway.kind(new WeChatException(Kind.CREDENTIALS_INVALID, 40125, "invalid appsecret", null))).isEqualTo(FailureKind.JOB);
    }

    @Test
    void weChatsTagRefusalsBecomeThisModulesReasons() {
        assertThat(WeChatTagGateway.reason(Refusal.TAG_LIMIT)).isEqualTo(Reason.TAG_LIMIT);
        assertThat(WeChatTagGateway.reason(Refusal.TAG_TOO_MANY_FANS)).isEqualTo(Reason.TOO_MANY_FANS);
        assertThat(WeChatTagGateway.reason(Refusal.TAG_RESERVED)).isEqualTo(Reason.RESERVED);
        assertThat(WeChatTagGateway.reason(Refusal.TAG_NAME_TOO_LONG)).isEqualTo(Reason.NAME_TOO_LONG);
        assertThat(WeChatTagGateway.reason(Refusal.TAG_NAME_INVALID)).isEqualTo(Reason.NAME_INVALID);
        assertThat(WeChatTagGateway.reason(Refusal.TAG_UNKNOWN)).isEqualTo(Reason.TAG_UNKNOWN);
        assertThat(WeChatTagGateway.reason(Refusal.FAN_TAG_LIMIT)).isEqualTo(Reason.FAN_TAG_LIMIT);
        assertThat(WeChatTagGateway.reason(Refusal.TEMPLATE_LIMIT)).isEqualTo(Reason.OTHER);
        assertThat(WeChatTagGateway.reason(Refusal.NONE)).isEqualTo(Reason.OTHER);
    }

    @Test
    void theRulesAreWeChatsLimitsAsTheWeChatModuleStatesThem() {
        TagRules rules = new WeChatTagGateway().rules();
        assertThat(rules.nameMaxBytes()).isEqualTo(WeChatLimits.TAG_NAME_MAX_BYTES);
        assertThat(rules.tagsPerAccount()).isEqualTo(WeChatLimits.TAGS_PER_ACCOUNT);
        assertThat(rules.reservedIdsBelow()).isEqualTo(WeChatLimits.RESERVED_TAG_IDS_BELOW);
        assertThat(rules.deletableMaxFans()).isEqualTo(WeChatLimits.TAG_DELETE_MAX_FANS);
        assertThat(rules.tagsPerFan()).isEqualTo(WeChatLimits.TAGS_PER_FAN);
    }
}

package app.fanmail.audiences.infrastructure;

import java.util.UUID;

import app.fanmail.audiences.application.FanRemarkGateway;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import app.fanmail.wechat.api.WeChatLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@link FanRemarkGateway} over the wechat module's {@link WeChatFans}: WeChat's limit from {@link WeChatLimits}, its
 * refusals (as the wechat module reads them) in this module's codes.
 */
@ApplicationScoped
public class FanRemarkAdapter implements FanRemarkGateway {
    @Inject
    WeChatFans fans;

    @Override
    public int remarkMaxBytes() {
        return WeChatLimits.REMARK_MAX_BYTES;
    }

    @Override
    public void updateRemark(UUID accountId, String openid, String remark) {
        try {
            fans.updateRemark(accountId, openid, remark);
        } catch (WeChatException e) {
            throw new RemarkRefused(code(e.refusal()), "WeChat did not take the remark (" + e.errcode() + " " + e.errmsg() + ").", e);
        }
    }

    static String code(WeChatException.Refusal refusal) {
        if (refusal == null) {
            return "WECHAT_ERROR";
        }
        return switch (refusal) {
            case REMARK_TOO_LONG -> "REMARK_TOO_LONG";
            case OPENID_INVALID, FAN_UNKNOWN -> "FAN_NOT_FOUND";
            default -> "WECHAT_ERROR";
        };
    }
}

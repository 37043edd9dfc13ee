package app.fanmail.audiences.infrastructure;

import java.util.UUID;

import app.fanmail.audiences.application.FanRemarkGateway;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatFans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link FanRemarkGateway} over the wechat module's {@link WeChatFans}: WeChat's refusals in this module's codes. */
@ApplicationScoped
public class FanRemarkAdapter implements FanRemarkGateway {
    @Inject
    WeChatFans fans;

    @Override
    public void updateRemark(UUID accountId, String openid, String remark) {
        try {
            fans.updateRemark(accountId, openid, remark);
        } catch (WeChatException e) {
            String code = switch (e.errcode()) {
                case 40092 -> "REMARK_TOO_LONG";
                case 40003, 46004 -> "FAN_NOT_FOUND";
                default -> "WECHAT_ERROR";
            };
            throw new RemarkRefused(code, "WeChat did not take the remark (" + e.errcode() + " " + e.errmsg() + ").", e);
        }
    }
}

package app.fanmail.audiences.application;

import java.time.Clock;
import java.util.UUID;

import app.fanmail.audiences.domain.FanRemark;
import app.fanmail.kernel.graphql.UserErrorsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Remark editing: checked against WeChat's rule first (REMARK_TOO_LONG costs no call), sent to WeChat outside any
 * transaction, then stored on the fan in a short transaction of its own.
 */
@ApplicationScoped
public class FanRemarkService {
    @Inject
    FanListing fans;
    @Inject
    FanRemarkGateway wechat;
    @Inject
    FanService reads;
    @Inject
    FanRemarkService self;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.NEVER)
    public FanService.FanView update(UUID accountId, String openid, String remark) {
        String value = FanRemark.normalize(remark);
        int maxBytes = wechat.remarkMaxBytes();
        if (!FanRemark.fits(value, maxBytes)) {
            throw new UserErrorsException("REMARK_TOO_LONG", "remark", "A remark is at most " + maxBytes
                    + " bytes in UTF-8 (ten Chinese characters); this one has " + FanRemark.bytes(value) + ".");
        }
        String fan = openid == null ? "" : openid.strip();
        if (fan.isEmpty() || reads.fan(accountId, fan).isEmpty()) {
            throw new UserErrorsException("FAN_NOT_FOUND", "openid", "The account has no fan with this openid.");
        }
        try {
            wechat.updateRemark(accountId, fan, value);
        } catch (FanRemarkGateway.RemarkRefused e) {
            throw new UserErrorsException(e.code(), "REMARK_TOO_LONG".equals(e.code()) ? "remark" : "openid", e.getMessage());
        }
        return self.store(accountId, fan, value);
    }

    @Transactional
    public FanService.FanView store(UUID accountId, String openid, String remark) {
        if (!fans.setRemark(accountId, openid, remark, clock.instant())) {
            throw new UserErrorsException("FAN_NOT_FOUND", "openid", "The account has no fan with this openid.");
        }
        return reads.fan(accountId, openid).orElseThrow();
    }
}

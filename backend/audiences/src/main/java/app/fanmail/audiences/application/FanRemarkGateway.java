package app.fanmail.audiences.application;

import java.util.UUID;

/** The port to WeChat's user/info/updateremark. Failures are {@link RemarkRefused}. */
public interface FanRemarkGateway {
    /** The longest remark WeChat takes, in UTF-8 bytes (as the wechat module states it). */
    int remarkMaxBytes();

    void updateRemark(UUID accountId, String openid, String remark);

    /** WeChat did not take the remark: a user error code (REMARK_TOO_LONG, FAN_UNKNOWN, WECHAT_ERROR) and a message. */
    class RemarkRefused extends RuntimeException {
        private final String code;

        public RemarkRefused(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}

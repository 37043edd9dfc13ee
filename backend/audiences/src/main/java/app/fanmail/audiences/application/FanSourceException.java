package app.fanmail.audiences.application;

/**
 * WeChat refused or failed a call a fan sync made. {@code code} is stable (e.g. WECHAT_TRANSIENT, WECHAT_DAILY_QUOTA)
 * and shown on the failed run; {@code retryable} says whether trying again shortly may succeed.
 */
public class FanSourceException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public FanSourceException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}

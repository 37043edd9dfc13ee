package app.fanmail.materials.api;

/** A failure of the materials api, with a stable code (NOT_FOUND, NO_COPY, WECHAT_*) and whether trying again may help. */
public class MaterialsException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public MaterialsException(String code, String message, boolean retryable, Throwable cause) {
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

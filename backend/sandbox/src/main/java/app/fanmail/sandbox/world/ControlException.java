package app.fanmail.sandbox.world;

/** A control-API failure: an HTTP status and a message (not a WeChat errcode). */
public final class ControlException extends RuntimeException {

    private final int status;

    public ControlException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package app.fanmail.dispatch.application;

import app.fanmail.dispatch.domain.SendFailure;

/** A send attempt failed; {@link #failure()} says how (class, errcode, message). */
public class SendFailedException extends RuntimeException {
    private final transient SendFailure failure;

    public SendFailedException(SendFailure failure, Throwable cause) {
        super(failure.failureClass() + " (" + failure.errcode() + "): " + failure.errmsg(), cause, false, false);
        this.failure = failure;
    }

    public SendFailure failure() {
        return failure;
    }
}

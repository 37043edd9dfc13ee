package app.fanmail.dispatch.domain;

/** A failed send attempt: its class and WeChat's errcode and message, verbatim (-1 and a description for transport failures). */
public record SendFailure(FailureClass failureClass, int errcode, String errmsg) {
    public SendFailure {
        if (failureClass == null) {
            throw new IllegalArgumentException("failureClass");
        }
        errmsg = errmsg == null ? "" : errmsg;
    }
}

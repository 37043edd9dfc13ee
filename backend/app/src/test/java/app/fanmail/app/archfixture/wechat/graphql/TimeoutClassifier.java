package app.fanmail.app.archfixture.wechat.graphql;

/** Architecture fixture: allowed: recognising an HTTP client's exception is not driving the client. */
public class TimeoutClassifier {
    boolean timedOut(Throwable t) {
        return t instanceof java.net.http.HttpTimeoutException;
    }
}

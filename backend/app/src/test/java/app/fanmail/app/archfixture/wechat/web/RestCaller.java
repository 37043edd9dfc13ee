package app.fanmail.app.archfixture.wechat.web;

/** Architecture fixture: planted: a resource building a REST client itself. */
public class RestCaller {
    Object call() {
        return jakarta.ws.rs.client.ClientBuilder.newBuilder();
    }
}

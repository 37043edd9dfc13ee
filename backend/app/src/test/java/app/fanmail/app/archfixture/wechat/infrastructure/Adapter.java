package app.fanmail.app.archfixture.wechat.infrastructure;

/** Architecture fixture: a wechat adapter; allowed to drive an HTTP client. */
public class Adapter {
    java.net.http.HttpClient client;
}

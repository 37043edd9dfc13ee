package app.fanmail.app.archfixture.wechat.application;

/** Architecture fixture: planted: an application service building an HTTP client instead of using a port. */
public class HttpCaller {
    java.net.http.HttpClient client;
}

package app.fanmail.app.archfixture.wechat.application;

/** Architecture fixture: a frozen known violation: not reported. */
public class InboxProcessor {
    app.fanmail.app.archfixture.wechat.infrastructure.InboxWriter writer;
}

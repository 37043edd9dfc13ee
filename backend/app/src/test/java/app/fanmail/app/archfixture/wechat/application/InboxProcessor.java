package app.fanmail.app.archfixture.wechat.application;

/** Architecture fixture: planted: once a frozen wechat violation, now reported like any other (no module is exempt). */
public class InboxProcessor {
    app.fanmail.app.archfixture.wechat.infrastructure.InboxWriter writer;
}

package app.fanmail.app.archfixture.wechat.application;

/** Architecture fixture: planted: a new wechat application-to-adapter dependency, not frozen. */
public class NewService {
    app.fanmail.app.archfixture.wechat.infrastructure.Adapter adapter;
}

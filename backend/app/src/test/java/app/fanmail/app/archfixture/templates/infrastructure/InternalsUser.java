package app.fanmail.app.archfixture.templates.infrastructure;

/** Architecture fixture: planted: a module reaches past another's api. */
public class InternalsUser {
    app.fanmail.app.archfixture.wechat.infrastructure.Adapter adapter;
}

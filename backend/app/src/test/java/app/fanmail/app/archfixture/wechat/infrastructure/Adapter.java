package app.fanmail.app.archfixture.wechat.infrastructure;

/** Architecture fixture: a wechat adapter. */
public class Adapter {

}

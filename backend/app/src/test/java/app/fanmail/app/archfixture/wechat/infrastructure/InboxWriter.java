package app.fanmail.app.archfixture.wechat.infrastructure;

/** Architecture fixture: stands for wechat's inbox writer. */
public class InboxWriter {

}

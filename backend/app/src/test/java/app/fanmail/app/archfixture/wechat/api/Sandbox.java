package app.fanmail.app.archfixture.wechat.api;

/** Architecture fixture: stands for wechat's sandbox facade. */
public class Sandbox {

}

package app.fanmail.accounts.api;

import org.eclipse.microprofile.graphql.Description;

@Description("Which WeChat API server the account talks to.")
public enum ApiTarget {
    @Description("Fanmail's built-in WeChat sandbox (simulator).")
    SANDBOX,
    @Description("Real WeChat (api.weixin.qq.com or a configured proxy).")
    WECHAT
}

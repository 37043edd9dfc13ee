package app.fanmail.accounts.application;

import app.fanmail.accounts.api.ApiTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where Fanmail is reachable and which API servers an account talks to when it names none. */
@ApplicationScoped
public class Endpoints {
    @Inject
    @ConfigProperty(name = "fanmail.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.api-base-url", defaultValue = "https://api.weixin.qq.com")
    String wechatApi;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.api-base-url", defaultValue = "http://127.0.0.1:8080/wechat-sandbox")
    String sandboxApi;

    /** The URL to paste into WeChat's server configuration (服务器地址) for this account. */
    public String callbackUrl(String appId) {
        return stripSlash(publicUrl) + "/api/wechat/callback/" + appId;
    }

    public String apiBaseUrl(ApiTarget target, String override) {
        if (override != null) {
            return override;
        }
        return stripSlash(target == ApiTarget.SANDBOX ? sandboxApi : wechatApi);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

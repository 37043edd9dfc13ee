package app.fanmail.accounts.infrastructure;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.domain.ApiHosts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@link ApiHostPolicy} from configuration: {@code fanmail.wechat.allowed-api-hosts} (WeChat's API
 * hosts by default), plus the host of {@code fanmail.wechat.api-base-url}, plus, while the sandbox is
 * enabled, the host:port of {@code fanmail.sandbox.api-base-url} (also allowed to be loopback).
 */
@ApplicationScoped
public class ConfiguredApiHostPolicy implements ApiHostPolicy {
    /** WeChat's general API host and its documented alternates (disaster recovery, Shanghai, Shenzhen, Hong Kong). */
    public static final String WECHAT_HOSTS = "api.weixin.qq.com,api2.weixin.qq.com,sh.api.weixin.qq.com,sz.api.weixin.qq.com,hk.api.weixin.qq.com";

    @Inject
    @ConfigProperty(name = "fanmail.wechat.allowed-api-hosts", defaultValue = WECHAT_HOSTS)
    List<String> allowedHosts;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.private-api-hosts", defaultValue = "none")
    List<String> privateHosts;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.api-base-url", defaultValue = "https://api.weixin.qq.com")
    String wechatApi;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.api-base-url", defaultValue = "http://127.0.0.1:8080/wechat-sandbox")
    String sandboxApi;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.enabled", defaultValue = "false")
    boolean sandboxEnabled;

    private ApiHosts hosts;

    @PostConstruct
    void init() {
        List<String> allowed = new ArrayList<>(allowedHosts);
        allowed.add(wechatApi);
        List<String> internal = new ArrayList<>(privateHosts);
        if (sandboxEnabled) {
            allowed.add(sandboxApi);
            internal.add(sandboxApi);
        }
        hosts = new ApiHosts(allowed, internal, InetAddress::getAllByName);
    }

    @Override
    public Verdict check(String baseUrl, boolean strict) {
        return hosts.check(baseUrl, strict);
    }

    @Override
    public boolean sandboxEnabled() {
        return sandboxEnabled;
    }
}

package app.fanmail.wechat.infrastructure;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.wechat.api.WeChatException;
import app.fanmail.wechat.api.WeChatException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * REST clients per API base URL (each account names its own: real WeChat, a proxy or the sandbox),
 * built once and reused, with timeouts and a connection pool sized for the dispatch engine. Every
 * call first checks the base URL against the {@link ApiHostPolicy} (allowed hosts, no internal
 * addresses), so no request (and no secret) reaches a host the configuration does not allow, whatever
 * an account row says.
 */
@ApplicationScoped
public class WeChatClients {
    @Inject
    @ConfigProperty(name = "fanmail.wechat.connect-timeout-ms", defaultValue = "3000")
    long connectTimeoutMs;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.read-timeout-ms", defaultValue = "10000")
    long readTimeoutMs;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.connection-pool-size", defaultValue = "200")
    int poolSize;

    @Inject
    ApiHostPolicy hosts;

    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    /** A client for the base URL; a WeChatException (cause {@link ApiHostRefusedException}) when the host is not allowed. */
    public <T> T client(String baseUrl, Class<T> api) {
        Verdict verdict = hosts.check(baseUrl, true);
        if (verdict.outcome() == ApiHostPolicy.Outcome.DNS_FAILURE) {
            throw new WeChatException(Kind.TRANSIENT, -1, "The API host " + verdict.hostPort() + " does not resolve", null,
                    new java.net.UnknownHostException(verdict.hostPort()));
        }
        if (!verdict.allowed()) {
            throw new WeChatException(Kind.PERMISSION, 0, "Fanmail does not send requests to " + verdict.hostPort()
                    + ": the server's configuration does not allow this API host", null, new ApiHostRefusedException(verdict));
        }
        return api.cast(clients.computeIfAbsent(baseUrl + "|" + api.getName(), k -> RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
                .property("resteasy.connectionPoolSize", poolSize)
                .property("resteasy.maxPooledPerRoute", poolSize)
                .build(api)));
    }
}

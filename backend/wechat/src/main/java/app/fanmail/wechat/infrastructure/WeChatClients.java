package app.fanmail.wechat.infrastructure;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * REST clients per API base URL (each account names its own: real WeChat, a proxy or the sandbox),
 * built once and reused, with timeouts and a connection pool sized for the dispatch engine.
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

    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public <T> T client(String baseUrl, Class<T> api) {
        return api.cast(clients.computeIfAbsent(baseUrl + "|" + api.getName(), k -> RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
                .property("resteasy.connectionPoolSize", poolSize)
                .property("resteasy.maxPooledPerRoute", poolSize)
                .build(api)));
    }
}

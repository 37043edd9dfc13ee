package app.fanmail.wechat.infrastructure;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import app.fanmail.accounts.api.ApiHostPolicy;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;
import app.fanmail.wechat.application.WeChatClientThreads;
import app.fanmail.wechat.domain.ApiHostRefusedException;
import app.fanmail.wechat.domain.ErrorCodes;
import app.fanmail.wechat.infrastructure.http.WeChatHttp;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The HTTP clients for WeChat. Hot-path calls (template and customer-service sends) go through {@link #http()}, a
 * non-blocking JDK HTTP client with per-account in-flight and rate limits and a node-wide in-flight bound (ADR 0009);
 * the other calls through MicroProfile REST Clients per API base URL, built once and reused. No request (and no
 * secret) reaches a host the {@link ApiHostPolicy} does not allow: {@link #client} checks before every call, and the
 * account cache ({@code AccountEndpoints}) checks whenever it (re)builds an entry.
 */
@ApplicationScoped
public class WeChatClients implements WeChatClientThreads {
    /** Names of the client's own threads (completions, timer); the JDK client's selector thread is named by the JDK. */
    private static final java.util.regex.Pattern CLIENT_THREAD = java.util.regex.Pattern.compile("fanmail-wechat-.*");

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
    @ConfigProperty(name = "fanmail.wechat.max-in-flight-per-account", defaultValue = "256")
    int maxInFlightPerAccount;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.rate-per-account", defaultValue = "1500")
    double ratePerAccount;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.max-in-flight", defaultValue = "1024")
    int maxInFlight;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.checkout-timeout", defaultValue = "PT5S")
    Duration checkoutTimeout;
    @Inject
    @ConfigProperty(name = "fanmail.wechat.http-threads", defaultValue = "4")
    int httpThreads;

    @Inject
    ApiHostPolicy hosts;
    @Resource
    ManagedThreadFactory threads;

    private final Map<String, Object> clients = new ConcurrentHashMap<>();
    private ExecutorService completions;
    private ScheduledThreadPoolExecutor timer;
    private WeChatHttp http;

    @PostConstruct
    void start() {
        completions = new ThreadPoolExecutor(httpThreads, httpThreads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("fanmail-wechat-http-"));
        timer = new ScheduledThreadPoolExecutor(1, named("fanmail-wechat-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        http = new WeChatHttp(new WeChatHttp.Settings(maxInFlightPerAccount, ratePerAccount, Math.max(1, (int) Math.ceil(ratePerAccount / 100)),
                maxInFlight, checkoutTimeout, Duration.ofMillis(readTimeoutMs)), Duration.ofMillis(connectTimeoutMs), timer, completions);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        completions.shutdownNow();
    }

    private ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = threads.newThread(r);
            t.setName(prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A deleted account's limits go with it. */
    void accountChanged(@jakarta.enterprise.event.Observes(during = jakarta.enterprise.event.TransactionPhase.AFTER_SUCCESS)
                        app.fanmail.accounts.api.AccountChanged changed) {
        if (changed.kind() == app.fanmail.accounts.api.AccountChanged.Kind.DELETED && http != null) {
            http.forget(changed.accountId());
        }
    }

    @Override
    public boolean isClientThread(String threadName) {
        return CLIENT_THREAD.matcher(threadName).matches() || (http != null && threadName.equals(http.selectorThread()));
    }

    /** The non-blocking client for hot-path calls. */
    public WeChatHttp http() {
        return http;
    }

    /** How long Fanmail waits for an answer: a request sent now reaches WeChat within this time or is abandoned. */
    public Duration requestTimeout() {
        return Duration.ofMillis(readTimeoutMs);
    }

    /** A client for the base URL; a WeChatException (cause {@link ApiHostRefusedException}) when the host is not allowed. */
    public <T> T client(String baseUrl, Class<T> api) {
        Verdict verdict = hosts.check(baseUrl, true);
        if (!verdict.allowed()) {
            throw ErrorCodes.refusedHost(verdict);
        }
        return checkedClient(baseUrl, api);
    }

    /** A client for a base URL the caller has just checked against the {@link ApiHostPolicy} (the account cache). */
    public <T> T checkedClient(String baseUrl, Class<T> api) {
        return api.cast(clients.computeIfAbsent(baseUrl + "|" + api.getName(), k -> RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(readTimeoutMs, TimeUnit.MILLISECONDS)
                .property("resteasy.connectionPoolSize", poolSize)
                .property("resteasy.maxPooledPerRoute", poolSize)
                .build(api)));
    }
}

package app.fanmail.sandbox.web;

import app.fanmail.sandbox.world.Jsons;
import app.fanmail.sandbox.push.BoundedDispatcher;
import app.fanmail.sandbox.push.CallbackPusher;
import app.fanmail.sandbox.push.HttpTransport;
import app.fanmail.sandbox.world.ControlApi;
import app.fanmail.sandbox.world.ControlException;
import app.fanmail.sandbox.world.SandboxClock;
import app.fanmail.sandbox.world.Settings;
import app.fanmail.sandbox.world.WeChatApi;
import app.fanmail.sandbox.world.World;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one simulated world of this deployment, wired to the container: delivery jobs start on the default
 * ManagedExecutorService, pushes go out with the JDK HTTP client's sendAsync (at most {@code max-in-flight} at once,
 * no thread held while one is on the wire), delays run on the default ManagedScheduledExecutorService.
 * Optionally creates a demo account at startup.
 */
@ApplicationScoped
public class SandboxRuntime {

    private static final Logger LOG = Logger.getLogger(SandboxRuntime.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.max-in-flight", defaultValue = "256")
    int pushMaxInFlight;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.queue-capacity", defaultValue = "1000000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.timeout-ms", defaultValue = "5000")
    long pushTimeoutMs;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.attempts", defaultValue = "3")
    int pushAttempts;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.retry-delay-ms", defaultValue = "1000")
    long retryDelayMs;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.push.log-size", defaultValue = "5000")
    int pushLogSize;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.ledger.max-entries", defaultValue = "2000000")
    int ledgerCap;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.max-body-bytes", defaultValue = "12582912")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.category-writes", defaultValue = "false")
    boolean categoryWrites;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.enabled", defaultValue = "true")
    boolean demoEnabled;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.app-id", defaultValue = "wxf00dfee1f00d0001")
    String demoAppId;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.app-secret", defaultValue = "0123456789abcdef0123456789abcdef")
    String demoSecret;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.token", defaultValue = "fanmailsandbox")
    String demoToken;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.encoding-aes-key",
            defaultValue = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
    String demoAesKey;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.encryption-mode", defaultValue = "SAFE")
    String demoMode;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.callback-url")
    Optional<String> demoCallbackUrl;

    @Inject
    @ConfigProperty(name = "fanmail.sandbox.demo.fans", defaultValue = "1000")
    int demoFans;

    private HttpTransport transport;
    private SandboxClock clock;
    private World world;
    private WeChatApi api;
    private ControlApi control;

    @PostConstruct
    void init() {
        clock = new SandboxClock();
        BoundedDispatcher dispatcher = new BoundedDispatcher(executor, pushMaxInFlight, queueCapacity);
        transport = new HttpTransport(Duration.ofMillis(pushTimeoutMs));
        CallbackPusher pusher = new CallbackPusher(transport, clock::millis,
                pushAttempts, Duration.ofMillis(pushTimeoutMs), retryDelayMs);
        world = new World(clock, new Settings(ledgerCap, pushLogSize, categoryWrites),
                (task, delayMs) -> scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS), dispatcher, pusher);
        api = new WeChatApi(world);
        control = new ControlApi(world, api);
        if (demoEnabled) {
            createDemoAccount();
        }
    }

    @PreDestroy
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    void onStartup(@Observes Startup event) {
        LOG.info(() -> "WeChat sandbox ready: " + api.paths().size() + " WeChat APIs"
                + (demoEnabled ? ", demo account " + demoAppId : ""));
    }

    private void createDemoAccount() {
        try {
            JsonObject account = Jsons.object().add("appId", demoAppId).add("appSecret", demoSecret)
                    .add("token", demoToken).add("encodingAesKey", demoAesKey).add("encryptionMode", demoMode)
                    .add("callbackUrl", demoCallbackUrl.orElse("").trim()).add("type", "SERVICE").add("verified", true).build();
            control.putAccount(account);
            control.seedFans(demoAppId, Jsons.object().add("count", demoFans).add("seed", 1)
                    .add("tags", Jsons.array()
                            .add(Jsons.object().add("name", "VIP").add("share", 0.1))
                            .add(Jsons.object().add("name", "广东").add("share", 0.3))
                            .add(Jsons.object().add("name", "新用户").add("share", 0.2)))
                    .build());
        } catch (ControlException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "could not create the sandbox demo account", e);
        }
    }

    public World world() {
        return world;
    }

    public WeChatApi api() {
        return api;
    }

    public ControlApi control() {
        return control;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Runs {@code task} after {@code delayMs} on the managed scheduler. */
    public void later(Runnable task, long delayMs) {
        scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }
}

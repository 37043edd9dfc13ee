package app.fanmail.wechat.application;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.accounts.api.AccountChanged;
import app.fanmail.accounts.api.AccountDirectory;
import app.fanmail.accounts.api.AccountRegistration;
import app.fanmail.accounts.api.AccountRegistration.NewAccount;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.wechat.api.Sandbox;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the WeChat sandbox in step with Fanmail: every account whose API target is SANDBOX is
 * registered there (the sandbox keeps its state in memory, so this happens again at each start and
 * after each change). With {@code fanmail.demo.enabled} (the local run) it also creates a ready
 * demo account and seeds its fans, so everything works out of the box. Nothing happens unless the
 * sandbox is enabled ({@code fanmail.sandbox.enabled}, true in the local run and the tests).
 */
@ApplicationScoped
public class SandboxMirror {
    private static final Logger LOG = Logger.getLogger(SandboxMirror.class.getName());
    static final String DEMO_APP_ID = "wxf00dfa11de000001";

    @Inject
    AccountDirectory accounts;
    @Inject
    AccountRegistration registration;
    @Inject
    Sandbox sandbox;
    @Inject
    app.fanmail.accounts.api.ApiHostPolicy hosts;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource(lookup = app.fanmail.kernel.concurrent.FanmailExecutors.BACKGROUND)
    ManagedExecutorService executor;
    @Inject
    @ConfigProperty(name = "fanmail.demo.enabled", defaultValue = "false")
    boolean demo;
    @Inject
    @ConfigProperty(name = "fanmail.demo.fans", defaultValue = "3000")
    int demoFans;
    @Inject
    @ConfigProperty(name = "fanmail.sandbox.mirror", defaultValue = "true")
    boolean mirror;

    private ScheduledFuture<?> startup;
    private int attempts;

    void start(@Observes @Priority(400) Startup event) {
        if (!hosts.sandboxEnabled()) {
            if (demo) {
                LOG.warning("fanmail.demo.enabled needs the WeChat sandbox (fanmail.sandbox.enabled=true); no demo account.");
            }
            return;
        }
        if (!mirror && !demo) {
            return;
        }
        // the sandbox WAR may deploy after this one: try for two minutes
        startup = scheduler.scheduleWithFixedDelay(this::syncAtStartup, 2, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (startup != null) {
            startup.cancel(false);
        }
    }

    private void syncAtStartup() {
        try {
            if (demo) {
                ensureDemoAccount();
            }
            for (AccountView account : accounts.all()) {
                if (account.apiTarget() == ApiTarget.SANDBOX) {
                    sandbox.register(account.id());
                    if (demo && account.appId().equals(DEMO_APP_ID)) {
                        sandbox.seedFans(account.id(), demoFans);
                        LOG.info("Demo account ready in the WeChat sandbox with " + demoFans + " fans.");
                    }
                }
            }
            startup.cancel(false);
        } catch (RuntimeException e) {
            if (++attempts >= 24) {
                LOG.log(Level.WARNING, "Could not mirror accounts into the WeChat sandbox; giving up", e);
                startup.cancel(false);
            } else {
                LOG.fine(() -> "Sandbox not ready yet: " + e.getMessage());
            }
        }
    }

    private void ensureDemoAccount() {
        if (accounts.findByAppId(DEMO_APP_ID).isPresent()) {
            return;
        }
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder aesKey = new StringBuilder();
        for (int i = 0; i < 43; i++) {
            aesKey.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        registration.register(new NewAccount("Fanmail 演示服务号", "gh_f00dfa11de01", DEMO_APP_ID, HexFormat.of().formatHex(secret),
                "FanmailDemo", aesKey.toString(), AccountType.SERVICE, true, EncryptionMode.SAFE, ApiTarget.SANDBOX, null));
        LOG.info("Created the demo account " + DEMO_APP_ID + " (sandbox, safe mode).");
    }

    /** A sandbox account was created or changed: (re)register it, off the committing thread. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccountChanged event) {
        if (!mirror || !hosts.sandboxEnabled() || event.kind() == AccountChanged.Kind.DELETED) {
            return;
        }
        UUID id = event.accountId();
        executor.execute(() -> {
            try {
                Optional<AccountView> view = accounts.find(id);
                if (view.isPresent() && view.get().apiTarget() == ApiTarget.SANDBOX) {
                    sandbox.register(id);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Sandbox registration of " + id + " failed", e);
            }
        });
    }
}

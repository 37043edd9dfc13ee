package app.fanmail.sandbox.world;

import app.fanmail.sandbox.push.BoundedDispatcher;
import app.fanmail.sandbox.push.CallbackPusher;
import app.fanmail.sandbox.push.PreparedPush;
import app.fanmail.sandbox.push.PushRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The whole simulated WeChat: accounts, the token index, id factories, the clock, and the plumbing for
 * asynchronous deliveries (a {@link Scheduler} for delays, a {@link BoundedDispatcher} for work, a
 * {@link CallbackPusher} for the HTTP pushes).
 */
public final class World {

    private static final Logger LOG = Logger.getLogger(World.class.getName());

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final SandboxClock clock;
    private final Settings settings;
    private final Scheduler scheduler;
    private final BoundedDispatcher dispatcher;
    private final CallbackPusher pusher;
    private final Ids ids = new Ids();
    private final Tokens tokens = new Tokens(this);
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    public World(SandboxClock clock, Settings settings, Scheduler scheduler, BoundedDispatcher dispatcher,
                 CallbackPusher pusher) {
        this.clock = clock;
        this.settings = settings;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.pusher = pusher;
    }

    public SandboxClock clock() {
        return clock;
    }

    Settings settings() {
        return settings;
    }

    Ids ids() {
        return ids;
    }

    Tokens tokens() {
        return tokens;
    }

    CallbackPusher pusher() {
        return pusher;
    }

    public BoundedDispatcher dispatcher() {
        return dispatcher;
    }

    // ------------------------------------------------------------ accounts

    /** Creates the account, or replaces an existing one with a fresh state (its tokens stop working). */
    public Account putAccount(AccountConfig config) {
        Account fresh = new Account(config, settings);
        Account old = accounts.put(config.appId(), fresh);
        if (old != null) {
            tokens.forget(old);
        }
        return fresh;
    }

    public Account findAccount(String appId) {
        return appId == null ? null : accounts.get(appId);
    }

    public Account requireAccount(String appId) {
        Account a = findAccount(appId);
        if (a == null) {
            throw new ControlException(404, "no account " + appId);
        }
        return a;
    }

    public boolean removeAccount(String appId) {
        Account old = accounts.remove(appId);
        if (old != null) {
            tokens.forget(old);
        }
        return old != null;
    }

    public Collection<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    public void reset() {
        accounts.clear();
        tokens.clear();
        clock.reset();
    }

    int tokenCount() {
        return tokens.size();
    }

    // ------------------------------------------------------------ delivery plumbing

    /** Runs {@code job} on the bounded dispatcher after {@code delayMs}; {@code onDrop} if the queue was full. */
    void later(long delayMs, Runnable job, Runnable onDrop) {
        laterAsync(delayMs, () -> {
            job.run();
            return DONE;
        }, onDrop);
    }

    /**
     * Runs {@code job} on the bounded dispatcher after {@code delayMs}; the job keeps its dispatcher slot (not a
     * thread) until the stage it returns completes. {@code onDrop} if the queue was full.
     */
    void laterAsync(long delayMs, Supplier<? extends CompletionStage<?>> job, Runnable onDrop) {
        Runnable submit = () -> {
            if (!dispatcher.submitAsync(job) && onDrop != null) {
                onDrop.run();
            }
        };
        if (delayMs > 0) {
            scheduler.schedule(submit, delayMs);
        } else {
            submit.run();
        }
    }

    /**
     * Pushes without holding a thread while the receiver answers (retries included) and records the outcome in the
     * account's push log. A kind suppressed in the account's outcomes is recorded as {@code SUPPRESSED} and not
     * sent. The stage always completes normally.
     */
    CompletableFuture<PushRecord> pushAsync(Account acc, String label, String openid, String xml) {
        if (acc.outcomes.suppressed(label)) {
            PushRecord r = pusher.suppressed(label, openid, acc.config().callbackUrl(), xml);
            acc.pushes.add(r);
            return CompletableFuture.completedFuture(r);
        }
        PreparedPush prepared;
        try {
            prepared = pusher.prepare(acc.config().target(), label, openid, xml);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "push could not be prepared", e);
            PushRecord r = pusher.dropped(label, openid, acc.config().callbackUrl(), xml);
            acc.pushes.add(r);
            return CompletableFuture.completedFuture(r);
        }
        return pusher.deliverAsync(prepared).thenApply(record -> {
            acc.pushes.add(record);
            return record;
        });
    }

    /** Pushes and waits for the outcome (with retries), then records it. */
    PushRecord pushNow(Account acc, String label, String openid, String xml) {
        return pushAsync(acc, label, openid, xml).join();
    }

    PreparedPush prepare(Account acc, String label, String openid, String xml) {
        return pusher.prepare(acc.config().target(), label, openid, xml);
    }

    PushRecord deliver(Account acc, PreparedPush prepared) {
        PushRecord record;
        try {
            record = pusher.deliver(prepared);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "push failed unexpectedly", e);
            record = pusher.dropped(prepared.label(), prepared.openid(), prepared.baseUrl(), prepared.plaintextXml());
        }
        acc.pushes.add(record);
        return record;
    }

    List<String> appIds() {
        return new ArrayList<>(accounts.keySet());
    }
}

package app.fanmail.sandbox.world;

import app.fanmail.sandbox.push.PreparedPush;
import app.fanmail.sandbox.push.PushLog;
import java.util.SplittableRandom;

/**
 * One simulated Official Account with all its state. Mutations happen under {@code synchronized (account)}.
 */
public final class Account {

    private volatile AccountConfig config;
    final FanStore fans;
    final MediaStore media = new MediaStore();
    final TemplateStore templates = new TemplateStore();
    final KefuWindows kefu = new KefuWindows();
    final MassState mass = new MassState();
    final Ledger ledger;
    final PushLog pushes;
    volatile Faults faults = Faults.NONE;
    volatile Outcomes outcomes = Outcomes.DEFAULT;
    /** fault switches, errcode injections and the per-endpoint limits (see FaultGate) */
    final FaultGate gate = new FaultGate();
    final SplittableRandom random = new SplittableRandom();

    // tokens (see Tokens)
    Tokens.Issued latestToken;
    Tokens.Issued previousToken;
    Tokens.Issued stableToken;
    long lastForceRefreshMillis = Long.MIN_VALUE / 2;
    final DailyCounter tokenDaily = new DailyCounter();
    final DailyCounter forceRefreshDaily = new DailyCounter();
    final DailyCounter customDaily = new DailyCounter();

    volatile PreparedPush lastSimulated;
    java.time.YearMonth clearQuotaMonth;
    int clearQuotaCount;

    Account(AccountConfig config, Settings settings) {
        this.config = config;
        this.fans = new FanStore(config.appId());
        this.ledger = new Ledger(settings.ledgerCap());
        this.pushes = new PushLog(settings.pushLogCap());
    }

    public AccountConfig config() {
        return config;
    }

    void config(AccountConfig config) {
        this.config = config;
    }

    public String appId() {
        return config.appId();
    }

    Limits limits() {
        return config.limits();
    }
}

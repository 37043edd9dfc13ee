package app.fanmail.sandbox.world;

/**
 * Sandbox-wide capacities.
 *
 * @param ledgerCap  entries kept per account (counters stay exact beyond it)
 * @param pushLogCap push records kept per account
 */
public record Settings(int ledgerCap, int pushLogCap) {

    public static Settings defaults() {
        return new Settings(2_000_000, 5_000);
    }
}

package app.fanmail.sandbox.world;

/**
 * Sandbox-wide capacities and switches.
 *
 * @param ledgerCap      entries kept per account (counters stay exact beyond it)
 * @param pushLogCap     push records kept per account
 * @param categoryWrites whether wxopen/addcategory and deletecategory answer for accounts that do not say
 *                       ({@code limits.categoryWrites}); false = 48001, as WeChat answers an official account
 */
public record Settings(int ledgerCap, int pushLogCap, boolean categoryWrites) {

    public Settings(int ledgerCap, int pushLogCap) {
        this(ledgerCap, pushLogCap, false);
    }

    public static Settings defaults() {
        return new Settings(2_000_000, 5_000, false);
    }
}

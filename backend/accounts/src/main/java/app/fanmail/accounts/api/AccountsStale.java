package app.fanmail.accounts.api;

import java.util.UUID;

/**
 * Copies of account data held in memory may be out of date, on this node, because an account changed on some node
 * (every node receives it, the changing one too, once the change is committed) or because this node may have missed
 * such news (after it (re)connected to PostgreSQL's notifications): drop them. Fired outside any transaction, on the
 * notification listener's thread; observers must return quickly. {@link AccountChanged} remains the event for acting on
 * a change (it is fired only on the node that made it).
 *
 * @param accountId the account that changed; null when every account's copies must go
 */
public record AccountsStale(UUID accountId) {
    /** Every account's copies: notifications may have been missed. */
    public static AccountsStale everyAccount() {
        return new AccountsStale(null);
    }

    public boolean everyAccountStale() {
        return accountId == null;
    }

    /** Whether copies of this account's data must go. */
    public boolean concerns(UUID account) {
        return accountId == null || accountId.equals(account);
    }
}

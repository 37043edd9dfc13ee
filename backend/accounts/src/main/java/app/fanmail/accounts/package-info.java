/**
 * Accounts: the WeChat Official Accounts Fanmail sends for. Owns the {@code accounts} schema.
 * Other modules use {@code accounts.api} only: {@link app.fanmail.accounts.api.AccountDirectory}
 * to read an account (and, for the WeChat layer, its decrypted credentials),
 * {@link app.fanmail.accounts.api.AccountChanged} events after commit (on the node that made the change),
 * {@link app.fanmail.accounts.api.AccountsStale} events on every node for caches of account data (ADR 0012), and
 * {@link app.fanmail.accounts.api.AccountDeletionGuard} to veto deleting an account while work for it runs
 * (data they keep is removed after the deletion: each module names its schema as a kernel
 * {@code AccountDataSchema} and {@link app.fanmail.accounts.infrastructure.AccountDataCleanup} cleans them all, ADR 0010).
 */
package app.fanmail.accounts;

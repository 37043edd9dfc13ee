package app.fanmail.accounts.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by a module whose work in flight for an account must finish (or be cancelled) before
 * the account may go, e.g. dispatch while a send job of the account runs. Deleting the account is
 * refused with ACCOUNT_IN_USE while any guard names a reason, e.g. "2 sends running".
 *
 * <p>Data a module merely keeps for the account (templates, tokens, inbox rows) is no reason to
 * veto: the module removes it itself after the deletion committed (ADR 0010).
 */
public interface AccountDeletionGuard {
    /**
     * Why the account cannot be deleted now, or empty. Runs inside the deleting transaction, after
     * the account row was locked: a guard that also locks or re-checks its own rows there cannot be
     * overtaken by work starting meanwhile.
     */
    Optional<String> blocksDeletion(UUID accountId);
}

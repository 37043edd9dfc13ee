package app.fanmail.accounts.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Implemented by modules that keep data for an account (templates, fans, sends). Deleting an
 * account is refused while any guard names a reason, e.g. "12 templates".
 */
public interface AccountDeletionGuard {
    /** Why the account cannot be deleted now, or empty. Runs inside the deleting transaction. */
    Optional<String> blocksDeletion(UUID accountId);
}

package app.fanmail.accounts.api;

import java.util.Optional;
import java.util.UUID;

/** How other modules read accounts. */
public interface AccountDirectory {
    Optional<AccountView> find(UUID accountId);

    Optional<AccountView> findByAppId(String appId);

    /** Every account, oldest first. */
    java.util.List<AccountView> all();

    /**
     * Which of these ids are accounts that exist now; the others were deleted (or never were). A
     * module's sweep for data of deleted accounts asks this (ADR 0010).
     */
    default java.util.Set<UUID> existing(java.util.Collection<UUID> accountIds) {
        java.util.Set<UUID> found = new java.util.HashSet<>();
        for (UUID id : accountIds) {
            if (find(id).isPresent()) {
                found.add(id);
            }
        }
        return found;
    }

    /** Decrypted credentials for talking to WeChat; empty when the account does not exist. */
    Optional<AccountCredentials> credentials(UUID accountId);
}

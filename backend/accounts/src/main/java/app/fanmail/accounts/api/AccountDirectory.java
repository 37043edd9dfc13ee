package app.fanmail.accounts.api;

import java.util.Optional;
import java.util.UUID;

/** How other modules read accounts. */
public interface AccountDirectory {
    Optional<AccountView> find(UUID accountId);

    Optional<AccountView> findByAppId(String appId);

    /** Every account, oldest first. */
    java.util.List<AccountView> all();

    /** Decrypted credentials for talking to WeChat; empty when the account does not exist. */
    Optional<AccountCredentials> credentials(UUID accountId);
}

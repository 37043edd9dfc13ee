package app.fanmail.accounts.api;

import java.util.UUID;

/** Fired after an account was created, changed or deleted; observe it during AFTER_SUCCESS. */
public record AccountChanged(Kind kind, UUID accountId) {
    public enum Kind {
        CREATED, UPDATED, DELETED
    }
}

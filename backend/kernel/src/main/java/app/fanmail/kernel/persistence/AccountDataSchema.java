package app.fanmail.kernel.persistence;

import jakarta.persistence.EntityManager;

/**
 * A module's claim to rows kept per account (ADR 0010): the PostgreSQL schema whose tables with an
 * {@code account_id} column hold them, and an EntityManager of the module's persistence unit to reach them. Each
 * module with such tables contributes one CDI bean of this type and nothing else; the accounts module's cleanup
 * removes a deleted account's rows and sweeps rows of accounts that no longer exist in every contributed schema
 * ({@link AccountData}), each module in a transaction of its own.
 */
public interface AccountDataSchema {
    /** The schema, e.g. {@code templates}. */
    String schema();

    /** A transaction-scoped EntityManager of the module's persistence unit (the container's proxy). */
    EntityManager entityManager();
}

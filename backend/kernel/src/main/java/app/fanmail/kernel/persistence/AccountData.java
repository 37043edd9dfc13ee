package app.fanmail.kernel.persistence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

/**
 * A module's rows that belong to an account: every table of the module's schema with an
 * {@code account_id} column (found in the catalogue, so a new table is covered without being
 * listed). Used by the cleanup after an account was deleted, over each module's {@link AccountDataSchema} (ADR 0010): {@link #forget}
 * removes one account's rows, {@link #accountIds} lists the accounts the module holds data for so a
 * sweep can find those whose account no longer exists. Both are idempotent. Run them inside a
 * transaction of the module's persistence unit.
 */
public final class AccountData {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private AccountData() {
    }

    /** The tables of {@code schema} that have an {@code account_id} column, in name order. */
    public static List<String> tables(EntityManager em, String schema) {
        List<String> tables = new ArrayList<>();
        for (Object t : em.createNativeQuery("select c.table_name from information_schema.columns c "
                        + "join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name "
                        + "where c.table_schema = :s and c.column_name = 'account_id' and t.table_type = 'BASE TABLE' order by c.table_name")
                .setParameter("s", schema).getResultList()) {
            String name = (String) t;
            if (!IDENTIFIER.matcher(name).matches() || !IDENTIFIER.matcher(schema).matches()) {
                throw new IllegalStateException("Unexpected table name " + schema + "." + name);
            }
            tables.add(name);
        }
        return tables;
    }

    /** Deletes every row of the account in the schema's account tables; returns how many went. */
    public static int forget(EntityManager em, String schema, UUID accountId) {
        int removed = 0;
        for (String table : tables(em, schema)) {
            removed += em.createNativeQuery("delete from " + schema + "." + table + " where account_id = :a")
                    .setParameter("a", accountId).executeUpdate();
        }
        return removed;
    }

    /**
     * Removes the rows of every account the schema holds data for that {@code existing} (given the
     * held ids, answers those that still exist) does not return: the catalogue is read once and each
     * table gets one delete for all the gone accounts. Returns the gone accounts.
     */
    public static Set<UUID> sweep(EntityManager em, String schema, UnaryOperator<Set<UUID>> existing) {
        Set<UUID> gone = accountIds(em, schema);
        if (gone.isEmpty()) {
            return gone;
        }
        gone.removeAll(existing.apply(Set.copyOf(gone)));
        if (!gone.isEmpty()) {
            UUID[] ids = gone.toArray(UUID[]::new);
            for (String table : tables(em, schema)) {
                em.createNativeQuery("delete from " + schema + "." + table + " where account_id = any(:a)")
                        .setParameter("a", ids).executeUpdate();
            }
        }
        return gone;
    }

    /**
     * Every account id in the schema's account tables. Each table is read with a loose index scan
     * (one index probe per distinct account, given an index that starts with account_id), so a
     * large inbox costs as many probes as there are accounts, not a full scan.
     */
    public static Set<UUID> accountIds(EntityManager em, String schema) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String table : tables(em, schema)) {
            String t = schema + "." + table;
            // PostgreSQL has no min(uuid): each step takes the next id through the index, ordered, limit 1
            for (Object id : em.createNativeQuery("with recursive ids(a) as ("
                    + " (select account_id from " + t + " order by account_id limit 1)"
                    + " union all select (select account_id from " + t + " where account_id > ids.a order by account_id limit 1)"
                    + " from ids where ids.a is not null)"
                    + " select a from ids where a is not null").getResultList()) {
                ids.add(id instanceof UUID u ? u : UUID.fromString(id.toString()));
            }
        }
        return ids;
    }
}

package app.fanmail.templates.infrastructure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A short-lived, bounded per-account memory of WeChat answers that change rarely (the industry
 * pair, the category catalogue, the public library). Entries live {@code ttl}; at most
 * {@code maxAccounts} accounts are remembered (the least recently used is forgotten first).
 * Failures are never remembered. Fanmail forgets an account's answers whenever it changes that
 * account's setup or the account itself, so what it changed shows at once.
 */
public final class WeChatReadCache {
    /** What is remembered per account. */
    public enum Kind {
        INDUSTRIES, CATEGORY_CATALOGUE, LIBRARY
    }

    private record Entry(Object value, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxAccounts;
    private final LinkedHashMap<UUID, Map<Kind, Entry>> accounts;

    public WeChatReadCache(Clock clock, Duration ttl, int maxAccounts) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        if (maxAccounts < 0) {
            throw new IllegalArgumentException("maxAccounts must not be negative: " + maxAccounts);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.maxAccounts = maxAccounts;
        this.accounts = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The remembered answer, or {@code load}'s (remembered when it succeeds). A zero ttl or size turns the cache off. */
    @SuppressWarnings("unchecked")
    public <T> T get(UUID accountId, Kind kind, Supplier<T> load) {
        if (ttl.isZero() || maxAccounts == 0) {
            return load.get();
        }
        Instant now = clock.instant();
        synchronized (this) {
            Map<Kind, Entry> entries = accounts.get(accountId);
            Entry e = entries == null ? null : entries.get(kind);
            if (e != null && now.isBefore(e.expiresAt())) {
                return (T) e.value();
            }
        }
        T value = load.get();
        synchronized (this) {
            accounts.computeIfAbsent(accountId, id -> new EnumMap<>(Kind.class)).put(kind, new Entry(value, now.plus(ttl)));
            evict(now);
        }
        return value;
    }

    /** Forgets everything remembered for the account. */
    public synchronized void forget(UUID accountId) {
        accounts.remove(accountId);
    }

    /** Forgets everything remembered for every account. */
    public synchronized void forgetAll() {
        accounts.clear();
    }

    /** How many accounts have something remembered (for tests and diagnostics). */
    public synchronized int size() {
        return accounts.size();
    }

    private void evict(Instant now) {
        if (accounts.size() <= maxAccounts) {
            return;
        }
        accounts.values().removeIf(entries -> {
            entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
            return entries.isEmpty();
        });
        Iterator<UUID> eldest = accounts.keySet().iterator();
        while (accounts.size() > maxAccounts && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}

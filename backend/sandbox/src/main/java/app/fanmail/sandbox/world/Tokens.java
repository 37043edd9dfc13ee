package app.fanmail.sandbox.world;

import jakarta.json.JsonObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * access_token issuing and checking.
 * <ul>
 *   <li>{@code /cgi-bin/token}: every call issues a new token; the previous one stays valid min(its expiry, now + 5
 *   min); any older one is invalid at once (40001). 2,000 calls a day (45009).</li>
 *   <li>{@code /cgi-bin/stable_token}: isolated from the above; normal mode returns the current token with the
 *   remaining expires_in and rotates in the last 5 minutes; force_refresh invalidates the current one and issues a
 *   new one, at most 20 a day (45009) and 30 s apart (45011).</li>
 *   <li>Checking: missing 41001, malformed 40014, unknown/replaced 40001, expired 42001.</li>
 * </ul>
 */
final class Tokens {

    static final long TTL_MS = 7200_000;
    static final long OVERLAP_MS = 300_000;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_\\-]{16,1024}");

    static final class Issued {
        final String value;
        final Account account;
        final boolean stable;
        final long issuedAt;
        volatile long expiresAt;
        volatile boolean superseded;

        Issued(String value, Account account, boolean stable, long issuedAt) {
            this.value = value;
            this.account = account;
            this.stable = stable;
            this.issuedAt = issuedAt;
            this.expiresAt = issuedAt + TTL_MS;
        }
    }

    private final World world;
    private final ConcurrentHashMap<String, Issued> index = new ConcurrentHashMap<>();

    Tokens(World world) {
        this.world = world;
    }

    JsonObject issue(Account acc, String secret) {
        checkSecret(acc, secret);
        long now = world.clock().millis();
        synchronized (acc) {
            if (!acc.tokenDaily.tryAcquire(acc.limits().tokenDailyQuota(), world.clock().today())) {
                throw Err.dailyQuota();
            }
            if (acc.previousToken != null) {
                index.remove(acc.previousToken.value);
            }
            if (acc.latestToken != null) {
                Issued old = acc.latestToken;
                old.expiresAt = Math.min(old.expiresAt, now + OVERLAP_MS);
                old.superseded = true;
            }
            Issued fresh = new Issued(world.ids().accessToken(), acc, false, now);
            index.put(fresh.value, fresh);
            acc.previousToken = acc.latestToken;
            acc.latestToken = fresh;
            return Jsons.object().add("access_token", fresh.value).add("expires_in", TTL_MS / 1000).build();
        }
    }

    JsonObject stable(Account acc, String secret, boolean force) {
        checkSecret(acc, secret);
        long now = world.clock().millis();
        synchronized (acc) {
            Issued current = acc.stableToken;
            if (force) {
                Limits l = acc.limits();
                if (now - acc.lastForceRefreshMillis < l.stableForceRefreshIntervalSeconds() * 1000L) {
                    throw Err.minuteQuota();
                }
                if (!acc.forceRefreshDaily.tryAcquire(l.stableForceRefreshPerDay(), world.clock().today())) {
                    throw Err.dailyQuota();
                }
                acc.lastForceRefreshMillis = now;
                if (current != null) {
                    index.remove(current.value);
                }
                current = null;
            }
            if (current != null && now < current.expiresAt - OVERLAP_MS) {
                return Jsons.object().add("access_token", current.value)
                        .add("expires_in", (current.expiresAt - now) / 1000).build();
            }
            // first call, forced, or inside the last 5 minutes: a new token; the old one lives until its expiry
            Issued fresh = new Issued(world.ids().accessToken(), acc, true, now);
            index.put(fresh.value, fresh);
            if (current != null) {
                current.superseded = true;
            }
            acc.stableToken = fresh;
            return Jsons.object().add("access_token", fresh.value).add("expires_in", TTL_MS / 1000).build();
        }
    }

    Account authenticate(String token) {
        if (token == null || token.isEmpty()) {
            throw Err.accessTokenMissing();
        }
        if (!WELL_FORMED.matcher(token).matches()) {
            throw Err.invalidAccessToken();
        }
        Issued t = index.get(token);
        if (t == null || world.findAccount(t.account.appId()) != t.account) {
            throw Err.invalidCredential();
        }
        if (world.clock().millis() >= t.expiresAt) {
            if (t.superseded && t.expiresAt < t.issuedAt + TTL_MS) {
                throw Err.invalidCredential();
            }
            throw Err.accessTokenExpired();
        }
        return t.account;
    }

    void forget(Account acc) {
        index.values().removeIf(t -> t.account == acc);
    }

    void clear() {
        index.clear();
    }

    int size() {
        return index.size();
    }

    private static void checkSecret(Account acc, String secret) {
        if (secret == null || secret.isEmpty()) {
            throw Err.secretMissing();
        }
        if (!acc.config().appSecret().equals(secret)) {
            throw Err.invalidAppsecret();
        }
    }
}

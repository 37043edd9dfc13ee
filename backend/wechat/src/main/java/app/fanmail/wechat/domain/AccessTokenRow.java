package app.fanmail.wechat.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account's current access token (encrypted) and the state of its refreshes. */
@Entity
@Table(name = "access_token")
public class AccessTokenRow {
    @Id
    @Column(name = "account_id")
    private UUID accountId;
    @Column(name = "token_enc")
    private String tokenEncrypted;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "fetched_at")
    private Instant fetchedAt;
    @Column(name = "refresh_count", nullable = false)
    private long refreshCount;
    @Column(name = "last_error_code")
    private Integer lastErrorCode;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "failed_at")
    private Instant failedAt;
    @Column(name = "retry_after")
    private Instant retryAfter;
    @Column(name = "lease_id")
    private UUID leaseId;
    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected AccessTokenRow() {
    }

    public AccessTokenRow(UUID accountId) {
        this.accountId = accountId;
    }

    /** True when the token can be handed out: present and not within {@code margin} of expiry. */
    public boolean usable(Instant now, Duration margin) {
        return tokenEncrypted != null && expiresAt != null && expiresAt.minus(margin).isAfter(now);
    }

    public boolean backingOff(Instant now) {
        return retryAfter != null && retryAfter.isAfter(now);
    }

    /** True while another refresh holds an unexpired lease. */
    public boolean leased(Instant now) {
        return leaseId != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /** Takes the refresh lease until {@code until}; the token is fetched outside any transaction meanwhile. */
    public void lease(UUID lease, Instant until) {
        this.leaseId = lease;
        this.leaseUntil = until;
    }

    /** Gives the lease back (the refresh failed without a stored outcome). */
    public void release(UUID lease) {
        if (lease.equals(leaseId)) {
            this.leaseId = null;
            this.leaseUntil = null;
        }
    }

    public void refreshed(String encryptedToken, Instant now, Duration lifetime) {
        this.leaseId = null;
        this.leaseUntil = null;
        this.tokenEncrypted = encryptedToken;
        this.fetchedAt = now;
        this.expiresAt = now.plus(lifetime);
        this.refreshCount++;
        this.lastErrorCode = null;
        this.lastError = null;
        this.failedAt = null;
        this.retryAfter = null;
    }

    public void failed(int errcode, String message, Instant now, Duration backoff) {
        this.leaseId = null;
        this.leaseUntil = null;
        this.lastErrorCode = errcode;
        this.lastError = message == null ? null : message.substring(0, Math.min(500, message.length()));
        this.failedAt = now;
        this.retryAfter = now.plus(backoff);
        this.tokenEncrypted = null;
        this.expiresAt = null;
    }

    public UUID accountId() { return accountId; }
    public String tokenEncrypted() { return tokenEncrypted; }
    public Instant expiresAt() { return expiresAt; }
    public Instant fetchedAt() { return fetchedAt; }
    public long refreshCount() { return refreshCount; }
    public Integer lastErrorCode() { return lastErrorCode; }
    public String lastError() { return lastError; }
    public Instant failedAt() { return failedAt; }
    public Instant retryAfter() { return retryAfter; }
    public UUID leaseId() { return leaseId; }
    public Instant leaseUntil() { return leaseUntil; }
}

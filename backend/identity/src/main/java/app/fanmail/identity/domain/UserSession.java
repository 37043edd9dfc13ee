package app.fanmail.identity.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A signed-in browser. Identified by the SHA-256 of the random token in its cookie. */
@Entity
@Table(name = "user_session")
public class UserSession {
    @Id
    @Column(name = "token_hash")
    private byte[] tokenHash;
    @Column(name = "user_id", nullable = false)
    private UUID userId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;
    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;
    @Column(name = "user_agent", length = 300)
    private String userAgent;
    @Column(name = "remote_addr", length = 64)
    private String remoteAddr;

    protected UserSession() {
    }

    public UserSession(byte[] tokenHash, UUID userId, Instant now, Duration idleTimeout, String userAgent, String remoteAddr) {
        this.tokenHash = tokenHash.clone();
        this.userId = userId;
        this.createdAt = now;
        this.lastSeenAt = now;
        this.expiresAt = now.plus(idleTimeout);
        this.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(300, userAgent.length()));
        this.remoteAddr = remoteAddr;
    }

    public UUID userId() { return userId; }
    public Instant expiresAt() { return expiresAt; }
    public Instant lastSeenAt() { return lastSeenAt; }
}

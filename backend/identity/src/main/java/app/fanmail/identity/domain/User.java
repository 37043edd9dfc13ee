package app.fanmail.identity.domain;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.kernel.security.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person who signs in to Fanmail. */
@Entity
@Table(name = "app_user")
public class User {
    @Id
    private UUID id;
    @Column(nullable = false, length = 32)
    private String username;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;
    @Version
    private long version;

    protected User() {
    }

    public User(String username, String passwordHash, Role role, Instant now) {
        this.id = UUID.randomUUID();
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void changeRole(Role newRole, Instant now) {
        this.role = newRole;
        this.updatedAt = now;
    }

    public void enable(boolean on, Instant now) {
        this.enabled = on;
        this.updatedAt = now;
    }

    public void replacePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.updatedAt = now;
    }

    /** The password was generated or given by someone else: the user must choose a new one at the next sign-in. */
    public void requirePasswordChange(Instant now) {
        this.mustChangePassword = true;
        this.updatedAt = now;
    }

    /** The user chose a new password themselves. */
    public void passwordChangedByOwner(String newHash, Instant now) {
        replacePassword(newHash, now);
        this.mustChangePassword = false;
    }

    public void signedIn(Instant now) {
        this.lastSignInAt = now;
    }

    public boolean isActiveAdmin() {
        return enabled && role == Role.ADMIN;
    }

    public UUID id() { return id; }
    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public Role role() { return role; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
    public Instant lastSignInAt() { return lastSignInAt; }
    public boolean mustChangePassword() { return mustChangePassword; }
}

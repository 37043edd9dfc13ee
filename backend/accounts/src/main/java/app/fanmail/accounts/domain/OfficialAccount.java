package app.fanmail.accounts.domain;

import java.time.Instant;
import java.util.UUID;

import app.fanmail.accounts.api.AccountStatus;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.accounts.domain.AccountRules.AccountProfile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A WeChat Official Account. Secret columns hold ciphertext only (see {@code SecretCipher}). */
@Entity
@Table(name = "official_account")
public class OfficialAccount {
    @Id
    private UUID id;
    @Column(nullable = false, length = 64)
    private String name;
    @Column(name = "original_id", nullable = false)
    private String originalId;
    @Column(name = "app_id", nullable = false)
    private String appId;
    @Column(name = "app_secret_enc", nullable = false)
    private String appSecretEncrypted;
    @Column(name = "token_enc", nullable = false)
    private String tokenEncrypted;
    @Column(name = "encoding_aes_key_enc")
    private String encodingAesKeyEncrypted;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountType type;
    @Column(nullable = false)
    private boolean verified;
    @Enumerated(EnumType.STRING)
    @Column(name = "encryption_mode", nullable = false)
    private EncryptionMode encryptionMode;
    @Enumerated(EnumType.STRING)
    @Column(name = "api_target", nullable = false)
    private ApiTarget apiTarget;
    @Column(name = "api_base_url")
    private String apiBaseUrl;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountStatus status;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected OfficialAccount() {
    }

    public OfficialAccount(UUID id, AccountProfile profile, Instant now) {
        this.id = id;
        this.status = AccountStatus.ACTIVE;
        this.createdAt = now;
        apply(profile, now);
    }

    public final void apply(AccountProfile profile, Instant now) {
        this.name = profile.name();
        this.originalId = profile.originalId();
        this.appId = profile.appId();
        this.type = profile.type();
        this.verified = profile.verified();
        this.encryptionMode = profile.encryptionMode();
        this.apiTarget = profile.apiTarget();
        this.apiBaseUrl = profile.apiBaseUrl();
        this.updatedAt = now;
    }

    public void replaceAppSecret(String encrypted, Instant now) {
        this.appSecretEncrypted = encrypted;
        this.updatedAt = now;
    }

    public void replaceToken(String encrypted, Instant now) {
        this.tokenEncrypted = encrypted;
        this.updatedAt = now;
    }

    public void replaceEncodingAesKey(String encrypted, Instant now) {
        this.encodingAesKeyEncrypted = encrypted;
        this.updatedAt = now;
    }

    public void changeStatus(AccountStatus newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    /** Associated data binding each ciphertext to this account and column. */
    public static String secretContext(UUID accountId, String field) {
        return "account:" + accountId + ":" + field;
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public String originalId() { return originalId; }
    public String appId() { return appId; }
    public String appSecretEncrypted() { return appSecretEncrypted; }
    public String tokenEncrypted() { return tokenEncrypted; }
    public String encodingAesKeyEncrypted() { return encodingAesKeyEncrypted; }
    public AccountType type() { return type; }
    public boolean verified() { return verified; }
    public EncryptionMode encryptionMode() { return encryptionMode; }
    public ApiTarget apiTarget() { return apiTarget; }
    public String apiBaseUrl() { return apiBaseUrl; }
    public AccountStatus status() { return status; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}

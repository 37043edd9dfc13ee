package app.fanmail.accounts.api;

import java.time.Instant;
import java.util.UUID;

/** An official account as other modules see it: no secrets, only whether they are set. */
public record AccountView(
        UUID id,
        String name,
        String originalId,
        String appId,
        AccountType type,
        boolean verified,
        EncryptionMode encryptionMode,
        ApiTarget apiTarget,
        String apiBaseUrl,
        AccountStatus status,
        String callbackUrl,
        boolean appSecretSet,
        boolean tokenSet,
        boolean encodingAesKeySet,
        Instant createdAt,
        Instant updatedAt) {

    /** Template messages are offered only to verified service accounts. */
    public boolean canSendTemplates() {
        return type == AccountType.SERVICE && verified;
    }
}

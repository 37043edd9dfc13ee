package app.fanmail.accounts.graphql;

import java.time.Instant;
import java.util.List;

import app.fanmail.accounts.api.AccountStatus;
import app.fanmail.accounts.api.AccountType;
import app.fanmail.accounts.api.AccountView;
import app.fanmail.accounts.api.ApiTarget;
import app.fanmail.accounts.api.EncryptionMode;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.graphql.UserError;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL shapes of the accounts module. Secrets are input-only: outputs say whether they are set. */
public final class AccountTypes {
    private AccountTypes() {
    }

    @Type("Account")
    @Description("A WeChat Official Account Fanmail sends for. Secrets are write-only: only whether each is set is shown.")
    public record Account(
            @NonNull @Id @Description("Stable identifier.") String id,
            @NonNull @Description("Display name in Fanmail.") String name,
            @NonNull @Description("Original id (原始ID), 'gh_' + 12 hex characters.") String originalId,
            @NonNull @Description("AppID, 'wx' + 16 hex characters.") String appId,
            @NonNull @Description("Service or subscription account.") AccountType type,
            @NonNull @Description("Whether WeChat has verified (认证) the account.") boolean verified,
            @NonNull @Description("Callback message encryption mode, as configured in WeChat.") EncryptionMode encryptionMode,
            @NonNull @Description("Which WeChat API server the account talks to.") ApiTarget apiTarget,
            @NonNull @Description("Effective API base URL (the configured default when none was given).") String apiBaseUrl,
            @NonNull @Description("Whether Fanmail uses the account.") AccountStatus status,
            @NonNull @Description("The URL to enter as server address (服务器地址) in WeChat's developer settings.") String callbackUrl,
            @NonNull @Description("Whether an AppSecret is stored.") boolean appSecretSet,
            @NonNull @Description("Whether a callback Token is stored.") boolean tokenSet,
            @NonNull @Description("Whether an EncodingAESKey is stored.") boolean encodingAesKeySet,
            @NonNull @Description("When the account was added.") Instant createdAt,
            @NonNull @Description("When the account was last changed.") Instant updatedAt) {
        static Account of(AccountView v) {
            return new Account(v.id().toString(), v.name(), v.originalId(), v.appId(), v.type(), v.verified(), v.encryptionMode(),
                    v.apiTarget(), v.apiBaseUrl(), v.status(), v.callbackUrl(), v.appSecretSet(), v.tokenSet(),
                    v.encodingAesKeySet(), v.createdAt(), v.updatedAt());
        }
    }

    @Type("AccountEdge")
    @Description("An account in a page of accounts.")
    public record AccountEdge(
            @NonNull @Description("Pass as `after` to continue after this account.") String cursor,
            @NonNull @Description("The account.") Account node) {
    }

    @Type("AccountConnection")
    @Description("A page of accounts, ordered by name.")
    public record AccountConnection(
            @NonNull @Description("The accounts of this page.") List<@NonNull AccountEdge> edges,
            @NonNull @Description("Where this page sits.") PageInfo pageInfo,
            @NonNull @Description("Number of accounts matching the search.") int totalCount) {
    }

    @Input("AccountCreateInput")
    @Description("A new official account, with its secrets.")
    public record AccountCreateInput(
            @NonNull @Description("Display name, at most 64 characters.") String name,
            @NonNull @Description("Original id (原始ID), 'gh_' + 12 hex characters.") String originalId,
            @NonNull @Description("AppID, 'wx' + 16 hex characters.") String appId,
            @NonNull @Description("AppSecret, 32 hex characters. Stored encrypted, never returned.") String appSecret,
            @NonNull @Description("Callback Token, 3–32 letters or digits. Stored encrypted, never returned.") String token,
            @Description("EncodingAESKey, 43 characters; required for COMPATIBLE and SAFE modes. Stored encrypted, never returned.") String encodingAesKey,
            @NonNull @Description("Service or subscription account.") AccountType type,
            @NonNull @Description("Whether WeChat has verified the account.") boolean verified,
            @NonNull @Description("Callback message encryption mode.") EncryptionMode encryptionMode,
            @NonNull @Description("Which WeChat API server to talk to.") ApiTarget apiTarget,
            @Description("API base URL; empty for the target's default.") String apiBaseUrl) {
    }

    @Input("AccountUpdateInput")
    @Description("New settings for an account. Changing where its secrets go (API target, base URL) is for admins and needs the secrets entered again.")
    public record AccountUpdateInput(
            @NonNull @Id @Description("The account to change.") String id,
            @NonNull @Description("Display name, at most 64 characters.") String name,
            @NonNull @Description("Original id (原始ID), 'gh_' + 12 hex characters.") String originalId,
            @NonNull @Description("AppID, 'wx' + 16 hex characters.") String appId,
            @NonNull @Description("Service or subscription account.") AccountType type,
            @NonNull @Description("Whether WeChat has verified the account.") boolean verified,
            @NonNull @Description("Callback message encryption mode.") EncryptionMode encryptionMode,
            @NonNull @Description("Which WeChat API server to talk to. Changing it (or the effective base URL) is for admins and needs the secrets again.") ApiTarget apiTarget,
            @Description("API base URL; empty for the target's default. Changing it is for admins, needs the secrets again and a host the server allows.") String apiBaseUrl,
            @Description("The AppSecret again; required when the API target or base URL changes, else replaces the stored one when given.") String appSecret,
            @Description("The callback Token again; required when the API target or base URL changes, else replaces the stored one when given.") String token,
            @Description("The EncodingAESKey again; required when the API target or base URL changes and the account has one or its mode needs one.") String encodingAesKey) {
    }

    @Input("AccountSecretsReplaceInput")
    @Description("Replaces write-only secrets; a null or empty field keeps the stored value.")
    public record AccountSecretsReplaceInput(
            @NonNull @Id @Description("The account.") String id,
            @Description("New AppSecret, 32 hex characters.") String appSecret,
            @Description("New callback Token, 3–32 letters or digits.") String token,
            @Description("New EncodingAESKey, 43 characters.") String encodingAesKey) {
    }

    @Input("AccountStatusSetInput")
    @Description("Enables or disables an account.")
    public record AccountStatusSetInput(
            @NonNull @Id @Description("The account.") String id,
            @NonNull @Description("The new status.") AccountStatus status) {
    }

    @Input("AccountDeleteInput")
    @Description("Deletes an account; refused while other data depends on it.")
    public record AccountDeleteInput(@NonNull @Id @Description("The account.") String id) {
    }

    @Type("AccountCreatePayload")
    @Description("Result of accountCreate.")
    public record AccountCreatePayload(
            @Description("The created account; null when refused.") Account account,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("AccountUpdatePayload")
    @Description("Result of accountUpdate.")
    public record AccountUpdatePayload(
            @Description("The changed account; null when refused.") Account account,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("AccountSecretsReplacePayload")
    @Description("Result of accountSecretsReplace.")
    public record AccountSecretsReplacePayload(
            @Description("The account; null when refused.") Account account,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("AccountStatusSetPayload")
    @Description("Result of accountStatusSet.")
    public record AccountStatusSetPayload(
            @Description("The account; null when refused.") Account account,
            @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("AccountDeletePayload")
    @Description("Result of accountDelete.")
    public record AccountDeletePayload(
            @Id @Description("Id of the deleted account; null when refused.") String deletedAccountId,
            @NonNull @Description("Why the deletion was refused; empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Enum("ChangeKind")
    @Description("What happened to an entity.")
    public enum ChangeKind {
        @Description("It was created.") CREATED,
        @Description("It was changed.") UPDATED,
        @Description("It was deleted.") DELETED
    }

    @Type("AccountChange")
    @Description("An account was created, changed or deleted by someone.")
    public record AccountChange(
            @NonNull @Description("What happened.") ChangeKind kind,
            @NonNull @Id @Description("Which account.") String accountId,
            @Description("The account as it is now; null when deleted.") Account account) {
    }
}

package app.fanmail.accounts.graphql;

import java.util.List;
import java.util.UUID;

import app.fanmail.accounts.application.AccountService;
import app.fanmail.accounts.application.AccountService.NewSecrets;
import app.fanmail.accounts.domain.AccountRules.AccountProfile;
import app.fanmail.accounts.graphql.AccountTypes.Account;
import app.fanmail.accounts.graphql.AccountTypes.AccountChange;
import app.fanmail.accounts.graphql.AccountTypes.AccountConnection;
import app.fanmail.accounts.graphql.AccountTypes.AccountCreateInput;
import app.fanmail.accounts.graphql.AccountTypes.AccountCreatePayload;
import app.fanmail.accounts.graphql.AccountTypes.AccountDeleteInput;
import app.fanmail.accounts.graphql.AccountTypes.AccountDeletePayload;
import app.fanmail.accounts.graphql.AccountTypes.AccountEdge;
import app.fanmail.accounts.graphql.AccountTypes.AccountSecretsReplaceInput;
import app.fanmail.accounts.graphql.AccountTypes.AccountSecretsReplacePayload;
import app.fanmail.accounts.graphql.AccountTypes.AccountStatusSetInput;
import app.fanmail.accounts.graphql.AccountTypes.AccountStatusSetPayload;
import app.fanmail.accounts.graphql.AccountTypes.AccountUpdateInput;
import app.fanmail.accounts.graphql.AccountTypes.AccountUpdatePayload;
import app.fanmail.kernel.graphql.Cursor;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.graphql.PageInfo;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import io.smallrye.graphql.api.Subscription;

/** Official accounts: everyone signed in reads, operators and admins change. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class AccountGraphQL {
    @Inject
    AccountService accounts;

    @Inject
    AccountChangeFeed feed;

    @Query("accounts")
    @NonNull
    @Description("Official accounts ordered by name, optionally filtered by a search over name, AppID and original id.")
    @RequiresRole(Role.VIEWER)
    public AccountConnection accounts(
            @Name("first") @DefaultValue("50") @Description("Page size, 1–200.") Integer first,
            @Name("after") @Description("Cursor of the last account of the previous page.") String after,
            @Name("search") @Description("Case-insensitive text to look for in name, AppID or original id.") String search) {
        int size = Cursor.pageSize(first, 50, 200);
        AccountService.AccountPage page = accounts.list(size, Cursor.decode(after, 2), search);
        List<AccountEdge> edges = page.accounts().stream()
                .map(v -> new AccountEdge(Cursor.encode(v.name().toLowerCase(), v.id().toString()), Account.of(v)))
                .toList();
        return new AccountConnection(edges,
                new PageInfo(page.hasNext(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), Math.toIntExact(page.total()));
    }

    @Query("account")
    @Description("One account by id, or null when there is none.")
    @RequiresRole(Role.VIEWER)
    public Account account(@NonNull @Id @Name("id") @Description("The account's id.") String id) {
        return Ids.parse(id).flatMap(accounts::find).map(Account::of).orElse(null);
    }

    @Mutation("accountCreate")
    @NonNull
    @Description("Adds an official account with its secrets (stored encrypted). Refused with API_HOST_NOT_ALLOWED or API_HOST_PRIVATE when the configuration does not allow its API host, SANDBOX_DISABLED for the sandbox target while the sandbox is off.")
    public AccountCreatePayload accountCreate(@NonNull @Name("input") @Description("The mutation's input.") AccountCreateInput in) {
        return Mutations.attempt(() -> Account.of(accounts.create(
                        AccountProfile.of(in.name(), in.originalId(), in.appId(), in.type(), in.verified(), in.encryptionMode(),
                                in.apiTarget(), in.apiBaseUrl()),
                        new NewSecrets(in.appSecret(), in.token(), in.encodingAesKey()))),
                a -> new AccountCreatePayload(a, List.of()), e -> new AccountCreatePayload(null, e));
    }

    @Mutation("accountUpdate")
    @NonNull
    @Description("Changes an account's settings. Changing its API target or base URL is for admins (else DESTINATION_CHANGE_FORBIDDEN), needs the secrets again (SECRETS_REQUIRED) and an allowed host (API_HOST_NOT_ALLOWED, API_HOST_PRIVATE).")
    public AccountUpdatePayload accountUpdate(@NonNull @Name("input") @Description("The mutation's input.") AccountUpdateInput in) {
        return Mutations.attempt(() -> Account.of(accounts.update(required(in.id()),
                        AccountProfile.of(in.name(), in.originalId(), in.appId(), in.type(), in.verified(), in.encryptionMode(),
                                in.apiTarget(), in.apiBaseUrl()),
                        new NewSecrets(in.appSecret(), in.token(), in.encodingAesKey()), CurrentViewer.require().role())),
                a -> new AccountUpdatePayload(a, List.of()), e -> new AccountUpdatePayload(null, e));
    }

    @Mutation("accountSecretsReplace")
    @NonNull
    @Description("Replaces one or more of an account's secrets.")
    public AccountSecretsReplacePayload accountSecretsReplace(@NonNull @Name("input") @Description("The mutation's input.") AccountSecretsReplaceInput in) {
        return Mutations.attempt(() -> Account.of(accounts.replaceSecrets(required(in.id()),
                        new NewSecrets(in.appSecret(), in.token(), in.encodingAesKey()))),
                a -> new AccountSecretsReplacePayload(a, List.of()), e -> new AccountSecretsReplacePayload(null, e));
    }

    @Mutation("accountStatusSet")
    @NonNull
    @Description("Enables or disables an account.")
    public AccountStatusSetPayload accountStatusSet(@NonNull @Name("input") @Description("The mutation's input.") AccountStatusSetInput in) {
        return Mutations.attempt(() -> Account.of(accounts.setStatus(required(in.id()), in.status())),
                a -> new AccountStatusSetPayload(a, List.of()), e -> new AccountStatusSetPayload(null, e));
    }

    @Mutation("accountDelete")
    @NonNull
    @Description("Deletes an account; refused with ACCOUNT_IN_USE while other data depends on it.")
    public AccountDeletePayload accountDelete(@NonNull @Name("input") @Description("The mutation's input.") AccountDeleteInput in) {
        return Mutations.attempt(() -> accounts.delete(required(in.id())).toString(),
                id -> new AccountDeletePayload(id, List.of()), e -> new AccountDeletePayload(null, e));
    }

    @Subscription("accountChanged")
    @NonNull
    @Description("Every account created, changed or deleted from now on, by anyone.")
    @RequiresRole(Role.VIEWER)
    public Multi<AccountChange> accountChanged() {
        return feed.changes();
    }


    private static UUID required(String id) {
        return Ids.require(id, "id", "account");
    }
}

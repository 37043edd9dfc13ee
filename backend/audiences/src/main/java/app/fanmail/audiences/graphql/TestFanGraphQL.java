package app.fanmail.audiences.graphql;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import app.fanmail.audiences.application.TestFanService;
import app.fanmail.audiences.graphql.TestFanTypes.TestFan;
import app.fanmail.audiences.graphql.TestFanTypes.TestFanAddInput;
import app.fanmail.audiences.graphql.TestFanTypes.TestFanAddPayload;
import app.fanmail.audiences.graphql.TestFanTypes.TestFanRemoveInput;
import app.fanmail.audiences.graphql.TestFanTypes.TestFanRemovePayload;
import app.fanmail.kernel.graphql.Ids;
import app.fanmail.kernel.graphql.Mutations;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.RequiresRole;
import app.fanmail.kernel.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An account's test fans: everyone signed in reads, operators and admins change. */
@GraphQLApi
@ApplicationScoped
@RequiresRole(Role.OPERATOR)
public class TestFanGraphQL {
    @Inject
    TestFanService testFans;

    @Query("testFans")
    @NonNull
    @Description("The account's test fans (at most 20), oldest first.")
    @RequiresRole(Role.VIEWER)
    public List<@NonNull TestFan> testFans(@NonNull @Id @Name("accountId") @Description("The account.") String accountId) {
        return testFans.list(account(accountId)).stream().map(TestFan::of).toList();
    }

    @Mutation("testFanAdd")
    @NonNull
    @Description("Makes a subscribed fan of the account a test fan, with a label.")
    public TestFanAddPayload testFanAdd(@NonNull @Name("input") @Description("The mutation's input.") TestFanAddInput in) {
        return Mutations.attempt(() -> testFans.add(account(in.accountId()), in.openid(), in.label(), CurrentViewer.require().username()),
                t -> new TestFanAddPayload(TestFan.of(t), List.of()), e -> new TestFanAddPayload(null, e));
    }

    @Mutation("testFanRemove")
    @NonNull
    @Description("Removes a test fan of the account.")
    public TestFanRemovePayload testFanRemove(@NonNull @Name("input") @Description("The mutation's input.") TestFanRemoveInput in) {
        return Mutations.attempt(() -> testFans.remove(account(in.accountId()), in.openid()),
                o -> new TestFanRemovePayload(o, List.of()), e -> new TestFanRemovePayload(null, e));
    }

    private static UUID account(String id) {
        return Ids.require(id, "accountId", "account");
    }
}

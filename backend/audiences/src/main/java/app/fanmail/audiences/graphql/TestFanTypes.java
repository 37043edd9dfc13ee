package app.fanmail.audiences.graphql;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import app.fanmail.kernel.graphql.UserError;

/** Test fans' GraphQL types, inputs and payloads. */
public final class TestFanTypes {
    private TestFanTypes() {
    }

    @Type("TestFan")
    @Description("A fan of the account that sending flows can send a test to before the real send.")
    public record TestFan(
            @NonNull @Description("The fan's openid.") String openid,
            @NonNull @Description("The operator's label, e.g. whose phone it is (1–30 characters).") String label,
            @NonNull @Description("The remark the account gives the fan (empty when none).") String remark,
            @NonNull @Description("Whether the fan follows the account now, as Fanmail knows it (WeChat only delivers to followers).")
            boolean subscribed,
            @NonNull @Description("When it was made a test fan.") Instant createdAt,
            @NonNull @Description("Who made it a test fan.") String createdBy) {
        public static TestFan of(app.fanmail.audiences.api.TestFan t) {
            return new TestFan(t.openid(), t.label(), t.remark(), t.subscribed(), t.createdAt(), t.createdBy());
        }
    }

    @Input("TestFanAddInput")
    @Description("Makes a subscribed fan of the account a test fan (at most 20 per account).")
    public record TestFanAddInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The fan's openid.") String openid,
            @NonNull @Description("A label of 1–30 characters, e.g. whose phone it is.") String label) {
    }

    @Input("TestFanRemoveInput")
    @Description("Removes a test fan of the account (the fan itself stays).")
    public record TestFanRemoveInput(
            @NonNull @Id @Description("The account.") String accountId,
            @NonNull @Description("The test fan's openid.") String openid) {
    }

    @Type("TestFanAddPayload")
    @Description("Result of testFanAdd.")
    public record TestFanAddPayload(
            @Description("The new test fan; null when refused.") TestFan testFan,
            @NonNull @Description("Why it was refused (NOT_FOUND, INVALID_OPENID, LABEL_REQUIRED, LABEL_TOO_LONG, NOT_A_FOLLOWER, "
                    + "TEST_FAN_LIMIT, ALREADY_A_TEST_FAN); empty on success.") List<@NonNull UserError> userErrors) {
    }

    @Type("TestFanRemovePayload")
    @Description("Result of testFanRemove.")
    public record TestFanRemovePayload(
            @Description("The openid removed; null when refused.") String removedOpenid,
            @NonNull @Description("Why it was refused (NOT_FOUND); empty on success.") List<@NonNull UserError> userErrors) {
    }
}

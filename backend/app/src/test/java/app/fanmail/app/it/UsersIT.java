package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.JsonObject;

/** User management by admins, and a user changing their own password. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    private String baseUrl;
    private FanmailClient admin;

    @BeforeEach
    void setUp() {
        baseUrl = base.toString().replaceAll("/$", "");
        admin = FanmailClient.signedInAdmin(baseUrl);
    }

    @Test
    void createsUsersWhoCanSignIn() {
        String name = "ops-" + Accounts.hex(6);
        JsonObject created = Users.create(admin, name, "a-good-password", "OPERATOR");
        assertThat(AccountsIT.codes(created)).isEmpty();
        assertThat(created.getJsonObject("user").getString("role")).isEqualTo("OPERATOR");
        assertThat(new FanmailClient(baseUrl).signIn(name, "a-good-password").statusCode()).isEqualTo(200);

        JsonObject listed = admin.data("{ users(first: 200) { totalCount edges { node { username role enabled } } } }", null);
        assertThat(listed.getJsonObject("users").toString()).contains(name);
    }

    @Test
    void refusesBadOrTakenUsernamesAndShortPasswords() {
        assertThat(AccountsIT.codes(Users.create(admin, "Bad Name", "a-good-password", "VIEWER"))).containsExactly("USERNAME_INVALID");
        assertThat(AccountsIT.codes(Users.create(admin, "shortpw-" + Accounts.hex(4), "short", "VIEWER"))).containsExactly("PASSWORD_TOO_SHORT");
        assertThat(AccountsIT.codes(Users.create(admin, "admin", "a-good-password", "VIEWER"))).containsExactly("USERNAME_TAKEN");
    }

    @Test
    void disablingAUserEndsTheirSessions() {
        String name = "temp-" + Accounts.hex(6);
        String id = Users.create(admin, name, "a-good-password", "OPERATOR").getJsonObject("user").getString("id");
        FanmailClient user = new FanmailClient(baseUrl);
        assertThat(user.signIn(name, "a-good-password").statusCode()).isEqualTo(200);

        JsonObject disabled = admin.data(Users.UPDATE, Map.of("i", Map.of("id", id, "role", "OPERATOR", "enabled", false))).getJsonObject("userUpdate");
        assertThat(disabled.getJsonObject("user").getBoolean("enabled")).isFalse();
        assertThat(user.graphqlRaw("{ viewer { id } }", null).statusCode()).isEqualTo(401);
        assertThat(new FanmailClient(baseUrl).signIn(name, "a-good-password").statusCode()).isEqualTo(401);
    }

    @Test
    void changingARoleTakesEffectImmediately() {
        String name = "promote-" + Accounts.hex(6);
        String id = Users.create(admin, name, "a-good-password", "VIEWER").getJsonObject("user").getString("id");
        FanmailClient user = new FanmailClient(baseUrl);
        user.signIn(name, "a-good-password");
        assertThat(user.graphql(Accounts.CREATE, Map.of("i", Accounts.validInput())).toString()).contains("FORBIDDEN");

        admin.data(Users.UPDATE, Map.of("i", Map.of("id", id, "role", "OPERATOR", "enabled", true)));
        JsonObject created = user.data(Accounts.CREATE, Map.of("i", Accounts.validInput())).getJsonObject("accountCreate");
        assertThat(created.getJsonArray("userErrors")).isEmpty();
    }

    @Test
    void anAdminCannotDemoteOrDisableThemselves() {
        String myId = admin.data("{ viewer { id } }", null).getJsonObject("viewer").getString("id");
        JsonObject demote = admin.data(Users.UPDATE, Map.of("i", Map.of("id", myId, "role", "VIEWER", "enabled", true))).getJsonObject("userUpdate");
        assertThat(AccountsIT.codes(demote)).containsExactly("SELF_CHANGE_FORBIDDEN");
        JsonObject disable = admin.data(Users.UPDATE, Map.of("i", Map.of("id", myId, "role", "ADMIN", "enabled", false))).getJsonObject("userUpdate");
        assertThat(AccountsIT.codes(disable)).containsExactly("SELF_CHANGE_FORBIDDEN");
        assertThat(admin.data("{ viewer { role } }", null).getJsonObject("viewer").getString("role")).isEqualTo("ADMIN");
    }

    @Test
    void resettingAPasswordEndsSessionsAndTheNewOneWorks() {
        String name = "reset-" + Accounts.hex(6);
        String id = Users.create(admin, name, "first-password", "VIEWER").getJsonObject("user").getString("id");
        FanmailClient user = new FanmailClient(baseUrl);
        user.signIn(name, "first-password");

        String reset = "mutation($i: UserPasswordResetInput!) { userPasswordReset(input: $i) { user { id } userErrors { code field } } }";
        assertThat(AccountsIT.codes(admin.data(reset, Map.of("i", Map.of("id", id, "password", "short"))).getJsonObject("userPasswordReset")))
                .containsExactly("PASSWORD_TOO_SHORT");
        assertThat(AccountsIT.codes(admin.data(reset, Map.of("i", Map.of("id", id, "password", "second-password"))).getJsonObject("userPasswordReset")))
                .isEmpty();
        assertThat(user.graphqlRaw("{ viewer { id } }", null).statusCode()).isEqualTo(401);
        assertThat(new FanmailClient(baseUrl).signIn(name, "first-password").statusCode()).isEqualTo(401);
        assertThat(new FanmailClient(baseUrl).signIn(name, "second-password").statusCode()).isEqualTo(200);
    }

    @Test
    void usersChangeTheirOwnPasswordKnowingTheCurrentOne() {
        String name = "self-" + Accounts.hex(6);
        Users.create(admin, name, "first-password", "VIEWER");
        FanmailClient user = new FanmailClient(baseUrl);
        user.signIn(name, "first-password");
        FanmailClient otherBrowser = new FanmailClient(baseUrl);
        otherBrowser.signIn(name, "first-password");

        String change = "mutation($i: ViewerPasswordChangeInput!) { viewerPasswordChange(input: $i) { user { username } userErrors { code field } } }";
        JsonObject wrong = user.data(change, Map.of("i", Map.of("currentPassword", "nope-nope-nope", "newPassword", "second-password")))
                .getJsonObject("viewerPasswordChange");
        assertThat(AccountsIT.codes(wrong)).containsExactly("PASSWORD_INCORRECT");

        JsonObject ok = user.data(change, Map.of("i", Map.of("currentPassword", "first-password", "newPassword", "second-password")))
                .getJsonObject("viewerPasswordChange");
        assertThat(AccountsIT.codes(ok)).isEmpty();
        assertThat(user.graphqlRaw("{ viewer { id } }", null).statusCode()).isEqualTo(200);
        assertThat(otherBrowser.graphqlRaw("{ viewer { id } }", null).statusCode()).isEqualTo(401);
    }
}

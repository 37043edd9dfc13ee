package app.fanmail.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import app.fanmail.testing.FanmailClient;
import app.fanmail.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A user who signs in with a generated password (the first admin without a configured one) must
 * choose a new one first: sign-in says so, and the session reaches nothing but the password change.
 * The test creates that state for a fresh user in the database, as FirstAdmin does for the first admin.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PasswordChangeRequiredIT {
    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestServer.fanmailWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aGeneratedPasswordMustBeReplacedBeforeAnythingElse() throws Exception {
        FanmailClient admin = FanmailClient.signedInAdmin(base.toString());
        String name = "first-" + Accounts.hex(6);
        String given = "generated-" + Accounts.hex(10);
        assertThat(Users.create(admin, name, given, "ADMIN").getJsonArray("userErrors")).isEmpty();
        setMustChange(name, true);

        FanmailClient user = new FanmailClient(base.toString());
        HttpResponse<String> signIn = user.signIn(name, given);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(FanmailClient.parse(signIn.body()).getBoolean("mustChangePassword")).isTrue();

        HttpResponse<String> graphql = user.graphqlRaw("{ accounts { totalCount } }", Map.of());
        assertThat(graphql.statusCode()).isEqualTo(403);
        assertThat(graphql.body()).contains("PASSWORD_CHANGE_REQUIRED");
        HttpResponse<String> session = user.send(HttpRequest.newBuilder(user.uri("/api/session")).GET());
        assertThat(FanmailClient.parse(session.body()).getBoolean("mustChangePassword")).isTrue();

        HttpResponse<String> wrong = change(user, "not-the-password", "a-new-password-1");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(FanmailClient.parse(wrong.body()).getString("code")).isEqualTo("PASSWORD_INCORRECT");
        HttpResponse<String> same = change(user, given, given);
        assertThat(FanmailClient.parse(same.body()).getString("code")).isEqualTo("PASSWORD_UNCHANGED");
        assertThat(mustChange(name)).isTrue();

        HttpResponse<String> ok = change(user, given, "a-new-password-1");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(FanmailClient.parse(ok.body()).getBoolean("mustChangePassword")).isFalse();
        assertThat(mustChange(name)).isFalse();
        assertThat(user.data("{ accounts { totalCount } }", Map.of()).getJsonObject("accounts").getInt("totalCount")).isNotNegative();
        assertThat(new FanmailClient(base.toString()).signIn(name, "a-new-password-1").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminSuppliedPasswordNeedsNoChange() throws Exception {
        FanmailClient admin = new FanmailClient(base.toString());
        HttpResponse<String> signIn = admin.signIn("admin", TestServer.adminPassword());
        assertThat(FanmailClient.parse(signIn.body()).getBoolean("mustChangePassword")).isFalse();
        assertThat(mustChange("admin")).isFalse();
    }

    private static HttpResponse<String> change(FanmailClient client, String current, String next) {
        JsonObject body = Json.createObjectBuilder().add("currentPassword", current).add("newPassword", next).build();
        return client.send(HttpRequest.newBuilder(client.uri("/api/session/password")).header("Content-Type", "application/json")
                .header("X-Fanmail-Csrf", "1").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static Connection db() throws Exception {
        return DriverManager.getConnection(System.getProperty("fanmail.test.db.url"),
                System.getProperty("fanmail.test.db.user"), System.getProperty("fanmail.test.db.password"));
    }

    private static void setMustChange(String username, boolean on) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("update identity.app_user set must_change_password = ? where username = ?")) {
            s.setBoolean(1, on);
            s.setString(2, username);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private static boolean mustChange(String username) throws Exception {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("select must_change_password from identity.app_user where username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
